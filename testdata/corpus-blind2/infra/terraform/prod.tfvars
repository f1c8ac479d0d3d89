region = "eu-central-1"

amplitude_scim_key = "qLkgQFNbIZrTYGY3reItjPGORVX"
