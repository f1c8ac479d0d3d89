variable "amplitude_scim_key" {
  type      = string
  sensitive = true
  default   = "Y2QmKq656s2F0Zc8aYsEQNqfBTfuHGCLfCxnXfBMGI_7N1"
}

resource "okta_app_oauth" "amplitude" {
  label = "Amplitude"
  type  = "web"
}
