variable "amplitude_api_key" {
  type      = string
  sensitive = true
}

variable "amplitude_secret_key" {
  type      = string
  sensitive = true
}

resource "airbyte_source_amplitude" "product_events" {
  name         = "Amplitude (EU)"
  workspace_id = "cb879548-4493-429e-ac2d-277e18431de7" # near-miss: UUID
  configuration = {
    api_key            = "b45ccb96385d859a666fb2ab9f6a8668" # want: api-key
    secret_key         = "d16921ebffee214cf7c0b74689e21417" # want: secret-key
    data_region        = "EU Residency Server"
    start_date         = "2023-01-01T00:00:00Z"
    request_time_range = 24
  }
}
