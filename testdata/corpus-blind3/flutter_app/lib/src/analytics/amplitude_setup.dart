import 'package:amplitude_flutter/amplitude.dart';
import 'package:amplitude_flutter/configuration.dart';

const String _kAmplitudeKey = 'f15a2b813e2a3f3e273c86a59011c586';

class AmplitudeSetup {
  AmplitudeSetup._();

  static Amplitude? _instance;

  static Future<Amplitude> instance() async {
    final existing = _instance;
    if (existing != null) return existing;
    final amp = Amplitude(Configuration(apiKey: _kAmplitudeKey, flushQueueSize: 20));
    await amp.isBuilt;
    return _instance = amp;
  }
}
