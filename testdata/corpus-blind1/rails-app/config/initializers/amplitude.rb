require 'amplitude-api'

if Rails.env.production?
  AmplitudeAPI.config.api_key = ENV["AMPLITUDE_API_KEY"]
  AmplitudeAPI.config.secret_key = ENV.fetch("AMPLITUDE_SECRET_KEY")
else
  # shared staging project
  AmplitudeAPI.config.api_key = "df58dff2e6b3757985227c3e02f458ac"
  AmplitudeAPI.config.secret_key = "f2469ca7aa26c67478963c11994152a0"
end
