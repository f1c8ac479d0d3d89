# frozen_string_literal: true

require "amplitude-experiment"

Rails.application.config.x.experiment = AmplitudeExperiment.initialize_remote(
  "server-vIxzgLsqknKBHBM5pIsDxccbJrqAZRcK",
  AmplitudeExperiment::RemoteEvaluationConfig.new(fetch_timeout_millis: 750)
)

# checkout evaluates locally; the key comes from the environment in prod
CHECKOUT_FLAGS = AmplitudeExperiment.initialize_local(ENV["AMPLITUDE_SERVER_DEPLOYMENT_KEY"])
CHECKOUT_FLAGS.start
