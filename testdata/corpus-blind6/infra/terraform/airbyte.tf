resource "airbyte_source_amplitude" "prod" {
  name         = "Amplitude prod"
  workspace_id = "35c06d83-0e12-4a02-8678-cc05cd5ff25e"
  configuration = {
    api_key     = var.amplitude_api_key
    secret_key  = "78a01ffd9b83aa456828b4be0caef332"
    data_region = "Standard Server"
    start_date  = "2023-01-01T00:00:00Z"
  }
}

variable "amplitude_api_key" {
  type      = string
  sensitive = true
}
