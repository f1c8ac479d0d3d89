require "amplitude-api"

AmplitudeAPI.config.api_key = ENV["AMPLITUDE_API_KEY"]
AmplitudeAPI.config.secret_key = 'f2f7be6238655c90f4a3d268d4e9b8f7'

# Push event categories from taxonomy.yml into Amplitude.
YAML.load_file("taxonomy.yml").fetch("categories").each do |name|
  AmplitudeAPI.create_event_category(name)
end
