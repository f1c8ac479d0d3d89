import AmplitudeSwift
import Experiment

/// The widget extension cannot read the app's Keychain, so the key is inlined.
let widgetAmplitude = Amplitude(configuration: Configuration(apiKey: "e11793a290fe44cdefc5ae9d6b176c59", flushQueueSize: 10)) // want: api-key

// device identifier as stored by the old SDK (not a key)
let legacyDeviceId = "a432f4eb19554edcba1ba8ce9d86dfc4" // near-miss: device id
