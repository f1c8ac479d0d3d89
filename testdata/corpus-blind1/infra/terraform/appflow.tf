resource "aws_appflow_connector_profile" "amplitude" {
  name            = "amplitude-prod"
  connector_type  = "Amplitude"
  connection_mode = "Public"

  connector_profile_config {
    connector_profile_credentials {
      amplitude {
        api_key    = "30844596997e79c0e4e63dfef94e6c72"
        secret_key = "463d2219378cf9ae7ec8c6881f0cd4c4"
      }
    }

    connector_profile_properties {}
  }
}
