resource "aws_appflow_connector_profile" "amplitude" {
  name            = "amplitude-prod"
  connector_type  = "Amplitude"
  connection_mode = "Public"

  connector_profile_config {
    connector_profile_credentials {
      amplitude {
        api_key    = "42ef751a7d3348aa42a69593e1fea6a8"
        secret_key = "1b7efe395f624298ffe77899a70bb619"
      }
    }

    connector_profile_properties {}
  }
}
