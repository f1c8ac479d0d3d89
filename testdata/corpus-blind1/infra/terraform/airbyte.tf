resource "airbyte_source_amplitude" "prod" {
  name         = "Amplitude (prod)"
  workspace_id = var.airbyte_workspace_id

  configuration = {
    api_key            = "f028f72a64055c1e136ddd26050a2ac3"
    secret_key         = "247f251b97c3a3bd8aa6e84fa09dc103"
    data_region        = "Standard Server"
    start_date         = "2024-01-01T00:00:00Z"
    request_time_range = 24
  }
}
