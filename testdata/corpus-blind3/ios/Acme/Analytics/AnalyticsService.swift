import Foundation
import AmplitudeSwift
import Experiment

final class AnalyticsService {
    static let shared = AnalyticsService()

    private static let amplitudeAPIKey = "c89149c7b41fc7706765b0e0deabeff6"

    let amplitude: Amplitude
    let experiment: ExperimentClient

    private init() {
        amplitude = Amplitude(configuration: Configuration(
            apiKey: Self.amplitudeAPIKey,
            autocapture: [.sessions, .appLifecycles]
        ))
        experiment = Experiment.initializeWithAmplitudeAnalytics(
            apiKey: "client-U1W4Yar1KKBrFrWVm7rEcSUermhE9dT8",
            config: ExperimentConfigBuilder().build()
        )
    }

    func track(_ name: String, _ props: [String: Any]? = nil) {
        amplitude.track(eventType: name, eventProperties: props)
    }
}
