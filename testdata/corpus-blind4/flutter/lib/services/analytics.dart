import 'package:amplitude_flutter/amplitude.dart';
import 'package:amplitude_flutter/configuration.dart';

class Analytics {
  // EU data residency project
  static const AMP_API_KEY_EU = 'cce77dca87a59bf4f19aab728e7a90cc';

  static final Amplitude instance = Amplitude(Configuration(
    apiKey: AMP_API_KEY_EU,
    serverZone: ServerZone.eu,
    flushQueueSize: 30,
  ));
}
