# frozen_string_literal: true

require "amplitude-experiment"

Rails.application.config.after_initialize do
  key = ENV.fetch("AMPLITUDE_DEPLOYMENT_KEY", "server-7PTHgdcuQ2reRtKWBv9g51HYetXF3g3r")
  config = AmplitudeExperiment::RemoteEvaluationConfig.new(fetch_timeout_millis: 800)
  Billing::EXPERIMENT = AmplitudeExperiment.initialize_remote(key, config)
end
