import 'package:amplitude_flutter/amplitude.dart';
import 'package:amplitude_flutter/configuration.dart';
import 'package:amplitude_flutter/constants.dart';

const String kAmplitudeApiKeyEu = '6335e5f681d596def725c29bb5cf498a'; // want: api-key
const String kAmplitudeApiKeyFromEnv = String.fromEnvironment('AMPLITUDE_API_KEY'); // near-miss: reference

final amplitudeEu = Amplitude(
  Configuration(apiKey: kAmplitudeApiKeyEu, serverZone: ServerZone.eu),
);
