resource "airbyte_source_amplitude" "prod" {
  name         = "Amplitude EU"
  workspace_id = var.workspace_id
  configuration = {
    api_key     = var.amplitude_api_key
    secret_key  = "0de513403b6ebd3ca3eb3fa93dffc366"
    data_region = "EU Residency Server"
    start_date  = "2023-01-01T00:00:00Z"
  }
}
