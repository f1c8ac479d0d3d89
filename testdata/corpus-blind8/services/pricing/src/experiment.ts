import { Experiment, LocalEvaluationClient } from "@amplitude/experiment-node-server";
import { logger } from "./logger";

let client: LocalEvaluationClient | undefined;

export async function experimentClient(): Promise<LocalEvaluationClient> {
  if (client) return client;
  client = Experiment.initializeLocal("server-4DMbTkuerx84wSqFp5Q8oBdgvhnMKNGa", {
    serverZone: "eu",
    flagConfigPollingIntervalMillis: 30_000,
    debug: process.env.NODE_ENV !== "production",
  });
  await client.start();
  logger.info("experiment local evaluation ready");
  return client;
}
