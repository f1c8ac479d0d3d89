import AmplitudeSwift
import Foundation

final class AnalyticsManager {
    static let shared = AnalyticsManager()

    let amplitude: Amplitude

    private init() {
        amplitude = Amplitude(configuration: Configuration(apiKey: "3ff215a34af129c20322f77bcea86142", autocapture: [.sessions, .appLifecycles, .screenViews]))
    }

    func track(_ name: String, _ props: [String: Any]? = nil) {
        amplitude.track(eventType: name, eventProperties: props)
    }
}
