require 'amplitude-experiment'

module FeatureFlags
  CLIENT = AmplitudeExperiment.initialize_remote(
    'server-rVzYMDexvUgzaCnnBkMCiEu7gFFvEkVJ',
    AmplitudeExperiment::RemoteEvaluationConfig.new(debug: false)
  )
end
