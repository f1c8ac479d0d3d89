import 'package:amplitude_flutter/amplitude.dart';
import 'package:amplitude_flutter/configuration.dart';

class Analytics {
  static const _envKey = String.fromEnvironment('AMPLITUDE_API_KEY');
  static final Amplitude _amp = Amplitude(Configuration(apiKey: '1d9398485025e7abb177c33594d53821', flushQueueSize: 30));
  static const String segmentWriteKey = '2K6pSG5eHF7NIvOXBnTccV3QApQuvnB8';

  static Future<void> init() async {
    await _amp.isBuilt;
  }
}
