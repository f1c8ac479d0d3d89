resource "aws_appflow_connector_profile" "amplitude" {
  name            = "amplitude-prod"
  connector_type  = "Amplitude"
  connection_mode = "Public"

  connector_profile_config {
    connector_profile_credentials {
      amplitude {
        api_key    = "f939e91ec3b38db9e53b51824d11be1e"
        secret_key = "3f850014dd840d48bb83955126df63d7"
      }
    }
    connector_profile_properties {}
  }
}
