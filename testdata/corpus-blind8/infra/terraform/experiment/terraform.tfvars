# prod workspace
experiment_project_id     = "301245"
experiment_management_key = "XemsT4dyWVksI3pgKbHQxrhBm-hJ5LemO0XmcefBbusox1hiYtAa7v5B-ObPdEw"

datadog_api_key = "928fbf54c5763d7843ab606fe89a7dc0"
datadog_app_key = "795a9365b751f5a823c08498e198c649e85d5b5e"
