resource "aws_appflow_connector_profile" "amplitude" {
  name            = "amplitude-prod"
  connector_type  = "Amplitude"
  connection_mode = "Public"

  connector_profile_config {
    connector_profile_credentials {
      amplitude {
        api_key    = "35241c7624f0253281362c3a632a7e52"
        secret_key = "6309c204fc9bc47667e8f3066d44115e"
      }
    }
    connector_profile_properties {}
  }
}
