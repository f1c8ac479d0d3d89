import { Experiment } from "@amplitude/experiment-js-client";

// the browser deployment; the server one is only a fallback for the SSR preview
const CLIENT_KEY = "client-lGmfl8AwjtkyGs5rpFzC7elVz8aTVqzQ";
const PREVIEW_KEY = "server-9mACpgNUGoz3zgpZnZt3nkl6dhYLdLsG";

export const experiment = Experiment.initializeWithAmplitudeAnalytics(
  typeof window === "undefined" ? PREVIEW_KEY : CLIENT_KEY,
  { serverZone: "us", automaticExposureTracking: true },
);
