# frozen_string_literal: true

require "amplitude-api"

AmplitudeAPI.config.api_key = "afee6124ac946dc3ee5790a0e20d4d37" # want: api-key
AmplitudeAPI.config.secret_key = "7c710b556fb5e3f1bfe16094333269e1" # want: secret-key
AmplitudeAPI.config.options = { min_id_length: 1 }
AmplitudeAPI.config.server_zone = ENV.fetch("AMPLITUDE_SERVER_ZONE", "US")
