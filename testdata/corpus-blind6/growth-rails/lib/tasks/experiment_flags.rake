require "net/http"
require "json"

MANAGEMENT_API = URI("https://experiment.amplitude.com/api/1/flags")
EXPERIMENT_MGMT_KEY = "K8ozSl7tR42Z8yK_-wAAOkhhaEpKhyMlXGoVWl8MLZJs6KsWwRK"

namespace :experiment do
  desc "List Experiment flags via the Management API"
  task list_flags: :environment do
    req = Net::HTTP::Get.new(MANAGEMENT_API)
    req["Authorization"] = "Bearer #{EXPERIMENT_MGMT_KEY}"
    res = Net::HTTP.start(MANAGEMENT_API.host, MANAGEMENT_API.port, use_ssl: true) { |h| h.request(req) }
    puts JSON.pretty_generate(JSON.parse(res.body))
  end

  task smoke: :environment do
    client = AmplitudeExperiment.initialize_remote(ENV["AMPLITUDE_SERVER_DEPLOYMENT_KEY"])
    p client.fetch_v2(AmplitudeExperiment::User.new(user_id: "smoke-test"))
  end
end
