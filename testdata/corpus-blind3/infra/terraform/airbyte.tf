resource "airbyte_source_amplitude" "prod" {
  name         = "Amplitude (prod)"
  workspace_id = var.airbyte_workspace_id

  configuration = {
    api_key             = var.amplitude_api_key
    secret_key          = var.amplitude_secret_key
    data_region         = "Standard Server"
    start_date          = "2023-01-01T00:00:00Z"
    request_time_range  = 24
  }
}
