require "amplitude-experiment"

module Flags
  def self.client
    @client ||= AmplitudeExperiment.initialize_remote(
      "server-XEuwUuwlAjHLoof8xVFotrnG8aYRlW5T",
      AmplitudeExperiment::RemoteEvaluationConfig.new(fetch_timeout_millis: 300)
    )
  end
end
