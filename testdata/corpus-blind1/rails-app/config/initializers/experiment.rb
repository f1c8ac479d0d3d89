require 'amplitude-experiment'

EXPERIMENT_CLIENT = AmplitudeExperiment.initialize_remote(
  'server-XbZmtcZSfs6pZnwU9TKU0IXELfnaEzEt',
  AmplitudeExperiment::RemoteEvaluationConfig.new(debug: Rails.env.development?, fetch_timeout_millis: 500)
)
