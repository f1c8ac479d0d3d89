import Config

if config_env() == :prod do
  config :reporting, Reporting.Repo,
    url: System.fetch_env!("DATABASE_URL"),
    pool_size: String.to_integer(System.get_env("POOL_SIZE") || "10")

  config :reporting, Reporting.Amplitude,
    api_key: System.fetch_env!("AMPLITUDE_API_KEY"),
    secret_key: System.get_env("AMPLITUDE_SECRET_KEY"),
    base_url: "https://analytics.eu.amplitude.com"

  # Org-level keys issued by Amplitude Support for the cross-project usage report
  config :reporting, Reporting.Amplitude.Org,
    org_api_key: "32d3b0082965441207759d489325a74d",
    org_secret_key: "4fa3983e43c9245b73764e518b8ef2a3",
    org_id: 73421
end
