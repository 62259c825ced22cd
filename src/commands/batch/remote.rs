//! The Batch API's REST calls, with the chat client's headers, timeouts and retries.

use std::io::Write;

use reqwest::multipart::{Form, Part};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{Batch, MAX_FILE_BYTES, endpoint};
use crate::api::response::{from_object, lenient};
use crate::api::responses::Wire;
use crate::config::Config;
use crate::error::{BadResponse, Error, Expected, Target};
use crate::http::client::{self, Api, Call};

/// The file object `POST /files` answers (`OpenAIFile`), of which only the id matters.
#[derive(Debug, Default, Deserialize)]
struct Uploaded {
    #[serde(default, deserialize_with = "lenient")]
    id: Option<String>,
}

/// What a call does on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effect {
    /// It makes something (an upload, a batch): once it answered, the work is done, and
    /// asking again after a body cut off would do it (and pay for it) twice.
    Creates,
    /// Asking again changes nothing more: reading, or cancelling.
    Idempotent,
}

/// The REST calls, with the chat client's headers, timeouts and retries.
pub struct Remote<'a> {
    api: Api,
    config: &'a Config,
}

impl<'a> Remote<'a> {
    pub fn new(config: &'a Config) -> Result<Remote<'a>, Error> {
        Ok(Remote {
            api: Api::new(&config.http())?,
            config,
        })
    }

    /// `GET` or `POST` an API object (small: the chat answer's cap applies), read whole
    /// within each attempt so that a body cut off is retried, unless the call creates.
    fn object(
        &self,
        (path, target, effect): (&str, Target, Effect),
        err: &mut dyn Write,
        request: impl Fn(&reqwest::Client, &str) -> reqwest::RequestBuilder,
    ) -> Result<Vec<u8>, Error> {
        let url = self.config.endpoint(path);
        let call = Call {
            retry_cut_body: effect == Effect::Idempotent,
            ..Call::new(&url, target, self.config.answer_wait())
        };
        let fetched = self.api.fetch(err, call, client::BODY_LIMIT, |http| {
            request(http, &url).timeout(self.config.timeout)
        })?;
        Ok(fetched.body)
    }

    fn batch(&self, bytes: Vec<u8>) -> Result<(Batch, Vec<u8>), Error> {
        let batch = serde_json::from_slice(&bytes)
            .map_err(|e| crate::api::response::not_a(Expected::Batch, e, &bytes))?;
        Ok((batch, bytes))
    }

    pub fn upload(&self, file: Vec<u8>, err: &mut dyn Write) -> Result<String, Error> {
        let bytes = self.object(
            ("/files", Target::Files, Effect::Creates),
            err,
            |http, url| {
                let part = Part::bytes(file.clone()).file_name("batch.jsonl");
                let form = Form::new().text("purpose", "batch").part("file", part);
                http.post(url).multipart(form)
            },
        )?;
        let uploaded: Value = serde_json::from_slice(&bytes)
            .map_err(|e| BadResponse::not_a(Expected::FileObject, e, None))?;
        // JSON that is not a file object has no id, as one without `id` has none.
        let uploaded: Uploaded = from_object(uploaded);
        uploaded.id.ok_or_else(|| BadResponse::NoFileId.into())
    }

    /// `POST /batches` for the uploaded input file, whose requests all go to `wire`.
    pub fn create(&self, file_id: &str, wire: Wire, err: &mut dyn Write) -> Result<Batch, Error> {
        let endpoint = endpoint(wire);
        let body =
            json!({"input_file_id": file_id, "endpoint": endpoint, "completion_window": "24h"})
                .to_string();
        let bytes = self.object(
            ("/batches", Target::Batches, Effect::Creates),
            err,
            |http, url| {
                http.post(url)
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body(body.clone())
            },
        )?;
        Ok(self.batch(bytes)?.0)
    }

    pub fn get(&self, id: &str, err: &mut dyn Write) -> Result<(Batch, Vec<u8>), Error> {
        let path = format!("/batches/{id}");
        let bytes = self.object(
            (&path, Target::Batches, Effect::Idempotent),
            err,
            |http, url| http.get(url),
        )?;
        self.batch(bytes)
    }

    pub fn cancel(&self, id: &str, err: &mut dyn Write) -> Result<(Batch, Vec<u8>), Error> {
        let path = format!("/batches/{id}/cancel");
        let bytes = self.object(
            (&path, Target::Batches, Effect::Idempotent),
            err,
            |http, url| http.post(url),
        )?;
        self.batch(bytes)
    }

    pub fn list(&self, err: &mut dyn Write) -> Result<Vec<u8>, Error> {
        self.object(
            ("/batches?limit=100", Target::Batches, Effect::Idempotent),
            err,
            |http, url| http.get(url),
        )
    }

    pub fn file_content(&self, id: &str, err: &mut dyn Write) -> Result<Vec<u8>, Error> {
        let url = self.config.endpoint(&format!("/files/{id}/content"));
        // An output file holds every answer of up to 50,000 requests: far more than one
        // answer, so its cap is the input's 200 MB times ten.
        let call = Call::new(&url, Target::Files, self.config.answer_wait());
        let fetched = self.api.fetch(err, call, 10 * MAX_FILE_BYTES, |http| {
            http.get(&url).timeout(self.config.timeout)
        })?;
        Ok(fetched.body)
    }
}
