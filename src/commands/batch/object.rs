//! The Batch API's objects as oaichat reads them: a batch (`Batch` in the spec), its
//! status and errors, and the list `GET /batches` answers. Fields oaichat does not show
//! are ignored.

use std::fmt;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::api::response::{from_object, lenient};

#[derive(Debug, Clone, Deserialize)]
pub struct Batch {
    pub id: String,
    pub status: BatchStatus,
    #[serde(default)]
    pub input_file_id: Option<String>,
    #[serde(default)]
    pub output_file_id: Option<String>,
    #[serde(default)]
    pub error_file_id: Option<String>,
    #[serde(default)]
    pub request_counts: Option<Counts>,
    #[serde(default)]
    pub errors: Option<Errors>,
}

/// A batch's `status`: the spec's values, and any other a compatible server sends, kept as
/// it came so that it is printed as it came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchStatus {
    Validating,
    Failed,
    InProgress,
    Finalizing,
    Completed,
    Expired,
    Cancelling,
    Cancelled,
    /// A status the spec does not list; parsing never puts a listed one here.
    Other(String),
}

impl BatchStatus {
    pub fn as_str(&self) -> &str {
        match self {
            BatchStatus::Validating => "validating",
            BatchStatus::Failed => "failed",
            BatchStatus::InProgress => "in_progress",
            BatchStatus::Finalizing => "finalizing",
            BatchStatus::Completed => "completed",
            BatchStatus::Expired => "expired",
            BatchStatus::Cancelling => "cancelling",
            BatchStatus::Cancelled => "cancelled",
            BatchStatus::Other(other) => other,
        }
    }

    /// Whether the batch is over: it changes no more, and its files are what it has.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            BatchStatus::Completed
                | BatchStatus::Failed
                | BatchStatus::Expired
                | BatchStatus::Cancelled
        )
    }
}

impl From<&str> for BatchStatus {
    fn from(text: &str) -> BatchStatus {
        match text {
            "validating" => BatchStatus::Validating,
            "failed" => BatchStatus::Failed,
            "in_progress" => BatchStatus::InProgress,
            "finalizing" => BatchStatus::Finalizing,
            "completed" => BatchStatus::Completed,
            "expired" => BatchStatus::Expired,
            "cancelling" => BatchStatus::Cancelling,
            "cancelled" => BatchStatus::Cancelled,
            other => BatchStatus::Other(other.to_owned()),
        }
    }
}

impl fmt::Display for BatchStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for BatchStatus {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(BatchStatus::from(
            String::deserialize(deserializer)?.as_str(),
        ))
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Counts {
    #[serde(default)]
    pub total: u64,
    #[serde(default)]
    pub completed: u64,
    #[serde(default)]
    pub failed: u64,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Errors {
    /// An item of another shape than the spec's reads as an error without a message.
    #[serde(default, deserialize_with = "lenient_items")]
    pub data: Vec<BatchError>,
}

/// One reason a batch failed (`BatchError`), as far as oaichat shows it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct BatchError {
    #[serde(default, deserialize_with = "lenient")]
    pub message: Option<String>,
    /// The input file's line it is about.
    #[serde(default, deserialize_with = "lenient")]
    pub line: Option<u64>,
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = self.message.as_deref().unwrap_or("error");
        match self.line {
            Some(n) => write!(f, "line {n}: {message}"),
            None => f.write_str(message),
        }
    }
}

fn lenient_items<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: DeserializeOwned + Default,
{
    let items = Vec::<Value>::deserialize(deserializer)?;
    Ok(items.into_iter().map(from_object).collect())
}

/// `GET /batches` (ListBatchesResponse). The batches stay values until each is read on
/// its own, so that a malformed one is reported as that, not as a malformed list; a list
/// without a `data` array lists nothing.
#[derive(Debug, Default, Deserialize)]
pub struct BatchList {
    #[serde(default, deserialize_with = "lenient")]
    pub data: Option<Vec<Value>>,
}

impl Batch {
    /// One line: id, status, counts, and the first errors of a failed batch.
    pub fn summary(&self) -> String {
        let counts = self.request_counts.clone().unwrap_or_default();
        let mut line = format!(
            "{} {}: {} of {} done, {} failed",
            self.id, self.status, counts.completed, counts.total, counts.failed
        );
        let errors: Vec<String> = self
            .errors
            .iter()
            .flat_map(|e| e.data.iter())
            .take(3)
            .map(BatchError::to_string)
            .collect();
        if !errors.is_empty() {
            line.push_str(&format!(" ({})", errors.join("; ")));
        }
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_parse_to_their_variant_print_as_they_came_and_know_when_they_are_over() {
        let wire = [
            "validating",
            "failed",
            "in_progress",
            "finalizing",
            "completed",
            "expired",
            "cancelling",
            "cancelled",
            "paused",
        ];
        let parsed: Vec<BatchStatus> = serde_json::from_value(serde_json::json!(wire)).unwrap();
        assert_eq!(
            parsed,
            [
                BatchStatus::Validating,
                BatchStatus::Failed,
                BatchStatus::InProgress,
                BatchStatus::Finalizing,
                BatchStatus::Completed,
                BatchStatus::Expired,
                BatchStatus::Cancelling,
                BatchStatus::Cancelled,
                BatchStatus::Other("paused".into()),
            ]
        );
        let printed: Vec<String> = parsed.iter().map(ToString::to_string).collect();
        assert_eq!(printed, wire);
        let over: Vec<&str> = parsed
            .iter()
            .filter(|s| s.is_final())
            .map(|s| s.as_str())
            .collect();
        assert_eq!(over, ["failed", "completed", "expired", "cancelled"]);
    }

    #[test]
    fn the_summary_names_the_first_three_errors_however_they_are_shaped() {
        let batch: Batch = serde_json::from_value(serde_json::json!({
            "id": "batch_1", "status": "failed",
            "request_counts": {"total": 4, "completed": 1, "failed": 2},
            "errors": {"object": "list", "data": [
                {"code": "invalid", "message": "bad line", "param": null, "line": 2},
                {"message": "no line"},
                "a string, not an error object",
                {"message": "the fourth is left out"},
            ]},
        }))
        .unwrap();
        assert_eq!(
            batch.summary(),
            "batch_1 failed: 1 of 4 done, 2 failed (line 2: bad line; no line; error)"
        );
    }

    #[test]
    fn error_fields_of_another_type_read_as_missing() {
        let error: BatchError =
            serde_json::from_value(serde_json::json!({"message": 5, "line": "7"})).unwrap();
        assert_eq!(error, BatchError::default());
        assert_eq!(error.to_string(), "error");
    }
}
