import * as amplitude from "@amplitude/analytics-browser";
import { sessionReplayPlugin } from "@amplitude/plugin-session-replay-browser";

const AMPLITUDE_KEY = "419a1d2aa0f517d72af5db5adfed8570";

amplitude.add(sessionReplayPlugin({ sampleRate: 0.05 }));
amplitude.init(AMPLITUDE_KEY, {
  autocapture: { elementInteractions: true },
  deviceId: "235985e5a9f842feaa3c4cd3f6490bd2",
});

// tracking-plan widget in the admin panel reads events straight from the Data API
export async function plannedEvents() {
  const r = await fetch("https://data-api.amplitude.com/graphql", {
    method: "POST",
    headers: { Authorization: "Bearer " + import.meta.env.VITE_AMPLI_TOKEN },
    body: JSON.stringify({ query: "{ orgs { id } }" }),
  });
  return r.json();
}
