# frozen_string_literal: true

require "amplitude-experiment"

EXPERIMENT_DEPLOYMENT_KEY = "server-BsIAYFKXMEFBXZF4k0IQ0N66oLa18dvA" # want: server-deployment-key

Rails.application.config.x.experiment = AmplitudeExperiment.initialize_remote(
  EXPERIMENT_DEPLOYMENT_KEY,
  AmplitudeExperiment::RemoteEvaluationConfig.new(fetch_timeout_millis: 500)
)
