resource "airbyte_source_amplitude" "prod" {
  name         = "amplitude-prod"
  workspace_id = var.workspace_id

  configuration = {
    api_key    = var.amplitude_api_key
    secret_key = var.amplitude_secret_key
    data_region = "Standard Server"
    start_date  = "2023-01-01T00:00:00Z"
  }
}

resource "airbyte_source_amplitude" "staging" {
  name         = "amplitude-staging"
  workspace_id = var.workspace_id
  configuration = {
    api_key    = var.amplitude_staging_api_key
    secret_key = var.amplitude_staging_secret
    start_date = "2023-06-01T00:00:00Z"
  }
}
