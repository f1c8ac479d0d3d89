import UIKit
import AmplitudeSwift
import Experiment

@main
class AppDelegate: UIResponder, UIApplicationDelegate {
    let amplitude = Amplitude(configuration: Configuration(
        apiKey: "96600dffef524d56f55310327d55b652",
        serverZone: .EU
    ))

    lazy var experiment = Experiment.initializeWithAmplitudeAnalytics(
        apiKey: Bundle.main.object(forInfoDictionaryKey: "EXPERIMENT_DEPLOYMENT_KEY") as! String,
        config: ExperimentConfigBuilder().build()
    )

    func application(_ application: UIApplication,
                     didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]?) -> Bool {
        amplitude.track(eventType: "App Launched")
        return true
    }
}
