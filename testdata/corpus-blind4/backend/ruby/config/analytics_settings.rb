module Analytics
  SETTINGS = {
    amplitude: {
      "project" => "shop-web",
      experiment: { server_deployment_key: "server-YIfL7JRwlIZUIfGtNcoKeB0KoJAMklqc", timeout: 2 },
    },
    mixpanel: { api_secret: "8287a572d6596bfefad6b6f8cad2f58a" },
  }.freeze
end
