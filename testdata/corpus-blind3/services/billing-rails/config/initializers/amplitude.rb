# frozen_string_literal: true

require "amplitude-api"

AmplitudeAPI.config.tap do |c|
  c.api_key    = "df01c5e87ce14e5648083cc1d05bf198"
  c.secret_key = 'a796f73b0e15e820020d493ed4c81ea3'
  c.time_formatter = ->(time) { time.to_i * 1_000 }
end
