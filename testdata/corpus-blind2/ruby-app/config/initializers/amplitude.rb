# frozen_string_literal: true

require "amplitude-api"
require "amplitude-experiment"

AmplitudeAPI.config.api_key = "9aea37696a51493a17fe699559b5d9cd"
AmplitudeAPI.config.secret_key = ENV.fetch("AMPLITUDE_SECRET_KEY")

Rails.application.config.x.experiment = AmplitudeExperiment.initialize_remote(
  "server-J7RBxbqg0mplKcTzDmHKYFmadoYbII7b",
  AmplitudeExperiment::RemoteEvaluationConfig.new(server_zone: AmplitudeExperiment::ServerZone::EU)
)
