resource "aws_appflow_connector_profile" "amplitude" {
  name            = "amplitude-events"
  connector_type  = "Amplitude"
  connection_mode = "Public"

  connector_profile_config {
    connector_profile_credentials {
      amplitude {
        api_key    = "57f8ff82a3bb5160b96599f507552589" # want: api-key
        secret_key = "e559bc4f853ec6d5b5d9dae31aaf2bbc" # want: secret-key
      }
    }

    connector_profile_properties {}
  }
}
