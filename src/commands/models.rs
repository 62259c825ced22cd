//! `oaichat models`: the model ids the API offers, one per line, sorted.
//!
//! `GET {base}/models` (ListModelsResponse). It is also the quickest check that a key
//! works, as the tutorials do with `curl …/v1/models`.

use std::io::Write;

use crate::api::response::ModelList;
use crate::config::Config;
use crate::error::{Error, Expected, Target};
use crate::http::client::{self, Call};

pub fn list(config: &Config, out: &mut impl Write, err: &mut impl Write) -> Result<(), Error> {
    if config.verbose {
        crate::log::line(err, format_args!("GET {}", config.models_url()));
    }
    let url = config.models_url();
    let call = Call::new(&url, Target::Models, config.answer_wait());
    let fetched = client::get(&config.http(), call, err)?;
    if config.verbose {
        crate::log::line(
            err,
            format_args!("{} in {} ms", fetched.status, fetched.elapsed.as_millis()),
        );
    }
    let body = fetched.body;
    if config.raw {
        return crate::output::write_raw(out, &body).map_err(Error::Write);
    }
    write_ids(out, &body)
}

/// Writes the ids of a model list body, sorted and without duplicates.
pub fn write_ids(out: &mut impl Write, body: &[u8]) -> Result<(), Error> {
    let list: ModelList = serde_json::from_slice(body)
        .map_err(|e| crate::api::response::not_a(Expected::ModelList, e, body))?;
    let mut ids: Vec<&str> = list.data.iter().map(|m| m.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        writeln!(out, "{id}").map_err(Error::Write)?;
    }
    out.flush().map_err(Error::Write)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_sorted_one_per_line() {
        let body = br#"{"object":"list","data":[{"id":"gpt-4o","object":"model","created":1,"owned_by":"system"},{"id":"dall-e-3"},{"id":"gpt-4o"}]}"#;
        let mut out = Vec::new();
        write_ids(&mut out, body).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "dall-e-3\ngpt-4o\n");
        assert_eq!(
            write_ids(&mut Vec::new(), b"{}").unwrap_err().exit_code(),
            8
        );
    }
}
