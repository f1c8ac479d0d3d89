terraform {
  required_providers {
    amplitude = {
      source  = "acme-internal/amplitude-experiment"
      version = "~> 0.4"
    }
    datadog = {
      source = "DataDog/datadog"
    }
  }
}

provider "amplitude" {
  server_url         = "https://experiment.eu.amplitude.com"
  management_api_key = "0_cmzj7UBmq0FU2FWtJ0MOCXZjOeg9gkbCqce6jskYtrnThqL7"
}

provider "datadog" {
  api_key = var.datadog_api_key
  app_key = var.datadog_app_key
}

resource "amplitude_flag" "new_checkout" {
  project_id  = "301245"
  key         = "new-checkout"
  description = "Server-side rollout of the new checkout flow"
  variants    = ["on", "off"]
}
