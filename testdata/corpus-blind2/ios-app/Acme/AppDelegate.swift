import UIKit
import AmplitudeSwift
import Experiment

@main
final class AppDelegate: UIResponder, UIApplicationDelegate {
    static let amplitude = Amplitude(configuration: Configuration(
        apiKey: Bundle.main.object(forInfoDictionaryKey: "AmplitudeApiKey") as? String ?? "",
        serverZone: .EU
    ))

    static let experiment = Experiment.initializeWithAmplitudeAnalytics(
        apiKey: "client-EWVW4hM3QSae4qgnOHqro1jiRiMX0jY9",
        config: ExperimentConfigBuilder().serverZone(.EU).build()
    )

    func application(_ application: UIApplication,
                     didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]?) -> Bool {
        AppDelegate.experiment.fetch(user: nil, completion: nil)
        return true
    }
}
