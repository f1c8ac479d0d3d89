import AmplitudeExperiment

final class FlagService {
    static let shared = FlagService()
    private let client: ExperimentClient

    private init() {
        let config = ExperimentConfigBuilder().debug(false).fetchTimeoutMillis(3000).build()
        client = Experiment.initialize(apiKey: "client-tLIXiyYPxuNzKO3fydXzvPKnYBeHfn1A", config: config)
    }

    func start(userId: String, completion: @escaping () -> Void) {
        let user = ExperimentUserBuilder().userId(userId).build()
        client.start(user) { _ in completion() }
    }
}
