resource "aws_appflow_connector_profile" "amplitude_eu" {
  name            = "amplitude-eu-export"
  connector_type  = "Amplitude"
  connection_mode = "Public"

  connector_profile_config {
    connector_profile_credentials {
      amplitude {
        api_key    = "314c755a8b430c3e45bdcea11649a0c9"
        secret_key = "027b68a4b82f81705c715059ad6823a0"
      }
    }

    connector_profile_properties {}
  }
}
