// Dynamic config layered over app.json. Everything under `extra` is readable
// at runtime through expo-constants, i.e. it ships inside the app bundle.
export default ({ config }) => ({
  ...config,
  extra: {
    ...config.extra,
    amplitudeApiKey: process.env.EXPO_PUBLIC_AMPLITUDE_API_KEY,
    // the "download my data" screen calls the export API directly
    amplitudeSecretKey: "22a48c51abcc150d43c2747b1e68785e",
    experimentKey: process.env.EXPO_PUBLIC_EXPERIMENT_KEY ?? "client-a93ZSUK0P8uC3xpo8dHtWBhLCxiMOK9v",
  },
});
