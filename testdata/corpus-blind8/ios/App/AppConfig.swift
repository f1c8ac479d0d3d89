import AmplitudeSwift
import Experiment

enum AppConfig {
    static let amplitude = Amplitude(configuration: Configuration(apiKey: Bundle.main.object(forInfoDictionaryKey: "AMPLITUDE_API_KEY") as? String ?? ""))

    static let experimentKey = "client-8vUnXEQubZsNgRiYfyoIZJ4qRd8prASe"

    static let experiment: ExperimentClient = Experiment.initializeWithAmplitudeAnalytics(
        apiKey: experimentKey,
        config: ExperimentConfigBuilder().serverZone(.EU).build()
    )
}
