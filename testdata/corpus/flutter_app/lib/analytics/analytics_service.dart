import 'package:amplitude_flutter/amplitude.dart';
import 'package:amplitude_flutter/configuration.dart';
import 'package:amplitude_flutter/events/base_event.dart';

class AnalyticsService {
  AnalyticsService._();

  static final Amplitude amplitude =
      Amplitude(Configuration(apiKey: '1f866a115495f58c65c99fd51a8d63e9', flushQueueSize: 30)); // want: api-key

  static Future<void> track(String name, [Map<String, dynamic>? props]) =>
      amplitude.track(BaseEvent(name, eventProperties: props));
}
