import AmplitudeSwift
import Experiment
import FirebaseCore

final class AnalyticsService {
    static let shared = AnalyticsService()

    let amplitude = Amplitude(configuration: Configuration(
        apiKey: "3660cb2643fa088f46597af8a78542d6",
        serverZone: .EU,
        defaultTracking: DefaultTrackingOptions(sessions: true)
    ))

    lazy var experiment: ExperimentClient = Experiment.initializeWithAmplitudeAnalytics(
        apiKey: "client-1FUClZykbK1VUTfOSEnUFeMNxmMjWsJr",
        config: ExperimentConfigBuilder().build()
    )

    // GoogleService-Info.plist is bundled; duplicated here for the widget extension
    let firebaseApiKey = "AIzaIkVHei1JAx8TfjpkKBwmeU3VZ_VMrhzd4qD"
    let launchDarklyMobileKey = "mob-70b12fb0-bcef-4567-b80f-695919e3109d"
}
