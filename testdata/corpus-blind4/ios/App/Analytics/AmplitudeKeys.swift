import AmplitudeSwift
import Experiment

struct AmplitudeKeys {
    static let projectKey = "1aa2bd32f09d82ee12d9d6022ab3383a"
    static let flagsDeployment: String = "client-glYwpkCkiPq8fRxoHISbn5j0VXcEmx2y"
    static let placeholderDeployment = "client-YOUR_DEPLOYMENT_KEY"
}

final class AnalyticsService {
    let amplitude = Amplitude(configuration: Configuration(
        apiKey: AmplitudeKeys.projectKey,
        autocapture: [.sessions, .appLifecycles]
    ))
    lazy var experiment = Experiment.initialize(
        apiKey: AmplitudeKeys.flagsDeployment,
        config: ExperimentConfigBuilder().build()
    )
}
