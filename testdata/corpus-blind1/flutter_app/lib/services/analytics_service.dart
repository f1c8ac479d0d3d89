import 'package:amplitude_flutter/amplitude.dart';
import 'package:amplitude_flutter/configuration.dart';
import 'package:amplitude_flutter/events/base_event.dart';

class AnalyticsService {
  AnalyticsService._();
  static final AnalyticsService instance = AnalyticsService._();

  final Amplitude _amplitude = Amplitude(Configuration(apiKey: '60d0899d72c953b331c402c39bba6b2f'));

  Future<void> init() => _amplitude.isBuilt;

  void track(String name, [Map<String, dynamic>? props]) {
    _amplitude.track(BaseEvent(name, eventProperties: props));
  }
}
