resource "aws_appflow_connector_profile" "amplitude" {
  name            = "amplitude-prod"
  connector_type  = "Amplitude"
  connection_mode = "Public"
  kms_arn         = "arn:aws:kms:us-east-1:691760584043:key/cbf40a26-f827-4ebd-b5b2-f33d99d78863"

  connector_profile_config {
    connector_profile_credentials {
      amplitude {
        api_key    = "87caa007aa81f94b9ffca322c0ab4117"
        secret_key = "dda4b09b15e03a6821a09b58f29dfc22"
      }
    }
    connector_profile_properties {}
  }
}
