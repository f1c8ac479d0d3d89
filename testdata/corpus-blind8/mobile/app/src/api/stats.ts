// Admin screen in the mobile app: shows yesterday's numbers.
// FIXME: the secret key must not live in the app bundle -- move behind our API.
import { Buffer } from "buffer";

const AMP = {
  apiKey: "201202c70138fd84d6be9585d76f4e36",
  secretKey:
    "1e1e947e3b6d47e468dcce5dac971e49",
};

export async function yesterday() {
  const auth = Buffer.from(`${AMP.apiKey}:${AMP.secretKey}`).toString("base64");
  const r = await fetch("https://amplitude.com/api/2/events/segmentation?e=%7B%22event_type%22%3A%22_active%22%7D", {
    headers: { Authorization: `Basic ${auth}` },
  });
  return r.json();
}
