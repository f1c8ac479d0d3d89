require 'amplitude-api'

AmplitudeAPI.config.api_key = "a5a8d31d4c17fb766a126b343c698820"
AmplitudeAPI.config.secret_key = ENV['AMPLITUDE_SECRET_KEY']
AmplitudeAPI.config.time_formatter = ->(time) { time ? time.to_i * 1_000 : nil }
