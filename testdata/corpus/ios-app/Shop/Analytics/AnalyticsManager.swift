import AmplitudeSwift
import Experiment
import Foundation

enum AnalyticsKeys {
    static let amplitudeApiKey = "e11793a290fe44cdefc5ae9d6b176c59" // want: api-key
    static let experimentDeploymentKey = "client-cct7gz5TBPBatfrqVXcvO1lXW2uBTOe0" // want: client-deployment-key
}

final class AnalyticsManager {
    static let shared = AnalyticsManager()

    let amplitude: Amplitude
    let experiment: ExperimentClient

    private init() {
        amplitude = Amplitude(configuration: Configuration(
            apiKey: AnalyticsKeys.amplitudeApiKey,
            autocapture: [.sessions, .appLifecycles, .screenViews]
        ))
        experiment = Experiment.initializeWithAmplitudeAnalytics(
            apiKey: AnalyticsKeys.experimentDeploymentKey,
            config: ExperimentConfigBuilder().build()
        )
    }

    func track(_ name: String, _ props: [String: Any]? = nil) {
        amplitude.track(eventType: name, eventProperties: props)
    }
}
