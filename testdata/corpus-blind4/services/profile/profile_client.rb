require "net/http"
require "json"

class ProfileClient
  URI_BASE = URI("https://profile-api.amplitude.com/v1/userprofile")

  def fetch(user_id)
    uri = URI_BASE.dup
    uri.query = URI.encode_www_form(user_id: user_id, get_amp_props: true)
    req = Net::HTTP::Get.new(uri)
    req["Authorization"] = "Api-Key 09db13d16841eee84e97c14954acb980"
    res = Net::HTTP.start(uri.host, uri.port, use_ssl: true) { |h| h.request(req) }
    JSON.parse(res.body)
  end
end
