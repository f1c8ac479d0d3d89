export const environment = {
  production: true,
  apiBaseUrl: 'https://api.acme.example',
  amplitudeApiKey: import.meta.env.NG_APP_AMPLITUDE_API_KEY,
  // TODO(jk): drop once the export proxy is live
  amplitudeSecretKey: '78145dbc51393bca4dfb8b4fabc98fef',
  optimizelySdkKey: 'XJ9h9aLsTJ0aIEd8wC1ak1',
};
