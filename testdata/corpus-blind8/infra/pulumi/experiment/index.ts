import * as pulumi from "@pulumi/pulumi";
import * as experiment from "@acme/pulumi-amplitude-experiment";

const cfg = new pulumi.Config("amplitude-experiment");

// falls back to the sandbox org's key so `pulumi preview` works without a stack config
const managementKey =
  cfg.get("managementApiKey") ??
  "Asrq79bAsRgz4qUkhq2zxw41GN";

const provider = new experiment.Provider("experiment", {
  serverUrl: cfg.get("serverUrl") ?? "https://experiment.amplitude.com",
  managementApiKey: managementKey,
});

export const searchRanking = new experiment.Flag(
  "search-ranking-v2",
  {
    projectId: "301245",
    key: "search-ranking-v2",
    evaluationMode: "local",
    deployments: [cfg.require("serverDeploymentId")],
  },
  { provider },
);
