data "azuread_application_template" "amplitude" {
  display_name = "Amplitude"
}

resource "azuread_application" "amplitude" {
  display_name = "Amplitude"
  template_id  = data.azuread_application_template.amplitude.template_id
}

resource "azuread_service_principal" "amplitude" {
  client_id    = azuread_application.amplitude.client_id
  use_existing = true
}

resource "azuread_synchronization_secret" "amplitude" {
  service_principal_id = azuread_service_principal.amplitude.id

  credential {
    key   = "BaseAddress"
    value = "https://core.amplitude.com/scim/1"
  }
  credential {
    key   = "SecretToken"
    value = "SXpROeH318OD_u_yXloSeJNozbTM-xO8Q1nYUR"
  }
}

provider "okta" {
  org_name  = "acme"
  base_url  = "okta.com"
  api_token = "00CwAk_D5iyfxkglNdNCESOBoPCt0c_g9LieuCJx6r"
}
