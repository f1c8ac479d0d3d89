window.intercomSettings = {
  api_base: "https://api-iam.intercom.io",
  app_id: "k3h2j1",
  apiKey: "20e3455dcfeedeb986ce66d81e962bde",
  company: { name: "Amplitude Analytics Team" }
};
Intercom('boot', window.intercomSettings);
