import 'package:flutter/material.dart';
import 'package:amplitude_flutter/amplitude.dart';
import 'package:amplitude_flutter/configuration.dart';

void main() {
  final Amplitude analytics = Amplitude(Configuration(
    apiKey: '0b3e990fe5c88889966896ace479d58b',
    flushQueueSize: 20,
  ));
  runApp(MyApp(analytics: analytics));
}
