use md5::{Digest, Md5};
use serde::Serialize;

/// Minimal client for Amplitude's Batch Event Upload API.
pub struct Client {
    api_key: String,
    endpoint: String,
    http: reqwest::Client,
}

#[derive(Serialize)]
struct Batch<'a> {
    api_key: &'a str,
    events: &'a [serde_json::Value],
}

impl Client {
    pub fn from_env() -> anyhow::Result<Self> {
        let api_key = std::env::var("AMPLITUDE_API_KEY")?;
        let endpoint = std::env::var("AMPLITUDE_ENDPOINT")
            .unwrap_or_else(|_| "https://api.eu.amplitude.com/batch".to_owned());
        Ok(Self { api_key, endpoint, http: reqwest::Client::new() })
    }

    pub async fn send(&self, events: &[serde_json::Value]) -> anyhow::Result<()> {
        let body = Batch { api_key: &self.api_key, events };
        self.http.post(&self.endpoint).json(&body).send().await?.error_for_status()?;
        Ok(())
    }
}

/// insert_id is the hex MD5 of the event's natural key, so retries de-duplicate.
pub fn insert_id(natural_key: &[u8]) -> String {
    hex::encode(Md5::digest(natural_key))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEST_API_KEY: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn insert_id_is_md5() {
        assert_eq!(insert_id(b"hello"), "5d41402abc4b2a76b9719d911017c592");
    }

    #[test]
    fn batch_carries_key() {
        let b = Batch { api_key: TEST_API_KEY, events: &[] };
        assert!(serde_json::to_string(&b).unwrap().contains("api_key"));
    }
}
