# frozen_string_literal: true

require "amplitude-api"

AmplitudeAPI.config.api_key = '6c5f9422f2e3dfabc18e1916dd7267cc'
AmplitudeAPI.config.secret_key =
  "9f7f3ceb56a85d06b8dbdbb46132fcb9"
AmplitudeAPI.config.time_formatter = ->(time) { time.to_i * 1_000 }
