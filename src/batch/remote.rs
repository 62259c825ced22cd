//! The Batch API's REST calls, with the chat client's headers, timeouts and retries.

use std::io::Write;

use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use super::{Batch, ENDPOINT, MAX_FILE_BYTES};
use crate::client::{self, Api};
use crate::config::Config;
use crate::error::Error;

/// The REST calls, with the chat client's headers, timeouts and retries.
pub struct Remote<'a> {
    api: Api,
    config: &'a Config,
}

impl<'a> Remote<'a> {
    pub fn new(config: &'a Config) -> Result<Remote<'a>, Error> {
        Ok(Remote {
            api: Api::new(config)?,
            config,
        })
    }

    fn url(&self, path: &str) -> String {
        self.config.endpoint(path)
    }

    /// API objects are small: the chat answer's cap applies.
    fn body(&self, sent: client::Sent) -> Result<Vec<u8>, Error> {
        client::read_limited(sent.response, client::BODY_LIMIT)
            .map_err(|e| client::body_error(&e, self.config))
    }

    fn json<T: serde::de::DeserializeOwned>(
        &self,
        sent: client::Sent,
        what: &str,
    ) -> Result<T, Error> {
        let bytes = self.body(sent)?;
        serde_json::from_slice(&bytes).map_err(|e| {
            Error::BadResponse(format!(
                "the response is not {what} ({e}): {}",
                crate::response::error_detail(&bytes).text
            ))
        })
    }

    pub fn upload(&self, file: Vec<u8>, err: &mut dyn Write) -> Result<String, Error> {
        let url = self.url("/files");
        let sent = self.api.send(self.config, err, None, &url, |http| {
            let part = Part::bytes(file.clone()).file_name("batch.jsonl");
            let form = Form::new().text("purpose", "batch").part("file", part);
            http.post(&url).multipart(form).timeout(self.config.timeout)
        })?;
        let uploaded: Value = self.json(sent, "a file object")?;
        uploaded["id"]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| Error::BadResponse("the uploaded file has no id".into()))
    }

    pub fn create(&self, file_id: &str, err: &mut dyn Write) -> Result<Batch, Error> {
        let url = self.url("/batches");
        let body =
            json!({"input_file_id": file_id, "endpoint": ENDPOINT, "completion_window": "24h"})
                .to_string();
        let sent = self.api.send(self.config, err, None, &url, |http| {
            http.post(&url)
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body.clone())
                .timeout(self.config.timeout)
        })?;
        self.json(sent, "a batch")
    }

    pub fn get(&self, id: &str, err: &mut dyn Write) -> Result<(Batch, Vec<u8>), Error> {
        let url = self.url(&format!("/batches/{id}"));
        let sent = self.api.send(self.config, err, None, &url, |http| {
            http.get(&url).timeout(self.config.timeout)
        })?;
        let bytes = self.body(sent)?;
        let batch = serde_json::from_slice(&bytes)
            .map_err(|e| Error::BadResponse(format!("the response is not a batch ({e})")))?;
        Ok((batch, bytes))
    }

    pub fn cancel(&self, id: &str, err: &mut dyn Write) -> Result<(Batch, Vec<u8>), Error> {
        let url = self.url(&format!("/batches/{id}/cancel"));
        let sent = self.api.send(self.config, err, None, &url, |http| {
            http.post(&url).timeout(self.config.timeout)
        })?;
        let bytes = self.body(sent)?;
        let batch = serde_json::from_slice(&bytes)
            .map_err(|e| Error::BadResponse(format!("the response is not a batch ({e})")))?;
        Ok((batch, bytes))
    }

    pub fn list(&self, err: &mut dyn Write) -> Result<Vec<u8>, Error> {
        let url = self.url("/batches?limit=100");
        let sent = self.api.send(self.config, err, None, &url, |http| {
            http.get(&url).timeout(self.config.timeout)
        })?;
        self.body(sent)
    }

    pub fn file_content(&self, id: &str, err: &mut dyn Write) -> Result<Vec<u8>, Error> {
        let url = self.url(&format!("/files/{id}/content"));
        let sent = self.api.send(self.config, err, None, &url, |http| {
            http.get(&url).timeout(self.config.timeout)
        })?;
        // An output file holds every answer of up to 50,000 requests: far more than one
        // answer, so its cap is the input's 200 MB times ten.
        client::read_limited(sent.response, 10 * MAX_FILE_BYTES)
            .map_err(|e| client::body_error(&e, self.config))
    }
}
