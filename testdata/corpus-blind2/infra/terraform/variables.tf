variable "region" {
  type    = string
  default = "eu-central-1"
}

variable "amplitude_api_key" {
  type        = string
  description = "Amplitude project API key (public, ships in the web app)"
  default     = ""
}

variable "amplitude_secret_key" {
  type        = string
  description = "Amplitude project secret key used by AppFlow"
  sensitive   = true
  default     = "11631d34882dc1efbade2fdf35c44f51"
}

variable "amplitude_scim_key" {
  type      = string
  sensitive = true
}
