resource "aws_appflow_connector_profile" "amplitude" {
  name            = "amplitude-eu"
  connector_type  = "Amplitude"
  connection_mode = "Public"

  connector_profile_config {
    connector_profile_credentials {
      amplitude {
        api_key    = var.amplitude_api_key
        secret_key = var.amplitude_secret_key
      }
    }

    connector_profile_properties {}
  }
}
