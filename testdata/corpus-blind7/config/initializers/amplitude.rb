# frozen_string_literal: true

AmplitudeAPI.config.api_key = ENV.fetch("AMPLITUDE_API_KEY", "ef39977259bbd89cde228ac11ecbf21b")
AmplitudeAPI.config.secret_key = ENV["AMPLITUDE_SECRET_KEY"] if Rails.env.production?
