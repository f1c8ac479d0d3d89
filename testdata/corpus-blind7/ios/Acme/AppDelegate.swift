import UIKit
import AmplitudeSwift
import AmplitudeExperiment

@main
class AppDelegate: UIResponder, UIApplicationDelegate {
    let amplitude = Amplitude(configuration: Configuration(
        apiKey: "d4d2afb95be6e53e5d9ef411823d47ba",
        serverZone: .EU
    ))

    func application(_ application: UIApplication,
                     didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]?) -> Bool {
        return true
    }
}
