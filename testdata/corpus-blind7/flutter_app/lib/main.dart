import 'package:amplitude_flutter/amplitude.dart';
import 'package:amplitude_flutter/configuration.dart';
import 'package:flutter/material.dart';

final amplitude = Amplitude(Configuration(
  apiKey: 'e39b0599993019dd0c54b007b1a52c74',
  flushQueueSize: 30,
));

void main() async {
  WidgetsFlutterBinding.ensureInitialized();
  await amplitude.isBuilt;
  runApp(const MaterialApp(home: Scaffold()));
}
