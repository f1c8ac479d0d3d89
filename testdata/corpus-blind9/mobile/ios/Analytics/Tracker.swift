import AmplitudeSwift

final class Tracker {
    // NOTE: key for the QA build is "f407f3695a13c557e5bea149158a8694", keep it out of release configs
    // trace id fe699ed64adb951296568e93ab8a53b2
    let amplitude: Amplitude

    init(apiKey: String) {
        amplitude = Amplitude(configuration: Configuration(apiKey: apiKey))
    }
}
