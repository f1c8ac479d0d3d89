require 'amplitude-experiment'

module ExperimentClient
  def self.remote
    @remote ||= AmplitudeExperiment.initialize_remote(
      'server-TrN5tt09KuLz6rR0QP7k9xfMxxvjhz3z',
      AmplitudeExperiment::RemoteEvaluationConfig.new(server_url: 'https://api.lab.eu.amplitude.com')
    )
  end
end
