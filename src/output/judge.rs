//! How an answer ended, judged: a warning for `length`, failures for a refusal, the
//! content filter, tool calls, and text that is not the JSON asked for.

use std::io::Write;

use super::Ending;
use crate::api::response::FinishReason;
use crate::error::Error;

/// Judges the endings: warns on stderr for `length`, and fails for a refusal, the content
/// filter, or text that is not JSON when `json_flag` (`--json`, `--schema`) asked for it.
pub fn judge(
    endings: &[Ending],
    json_flag: Option<&str>,
    stderr: &mut dyn Write,
) -> Result<(), Error> {
    let cut = endings
        .iter()
        .any(|e| e.finish_reason == Some(FinishReason::Length));
    if cut {
        // stderr may be closed; the answer is on stdout either way.
        let _ = writeln!(
            stderr,
            "oaichat: warning: the answer was cut off at the token limit (finish_reason: \
             length); raise --max-tokens for more"
        );
    }
    if let Some(refusal) = endings.iter().find_map(|e| e.refusal.as_deref()) {
        return Err(Error::Declined(format!(
            "the model refused: {}",
            refusal.trim()
        )));
    }
    if endings
        .iter()
        .any(|e| e.finish_reason == Some(FinishReason::ContentFilter))
    {
        return Err(Error::Declined(
            "the answer was withheld by the content filter (finish_reason: content_filter)".into(),
        ));
    }
    if let Some(calls) = tool_calls(endings) {
        return Err(Error::ToolCalls(format!(
            "the model asked to call {calls} instead of answering; oaichat does not run \
             tools yet (--raw shows the calls), and nothing was saved"
        )));
    }
    if let Some(flag) = json_flag {
        for ending in endings {
            let text = ending.text.as_deref().unwrap_or_default();
            if serde_json::from_str::<serde::de::IgnoredAny>(text).is_err() {
                let why = if cut {
                    "; it was cut off at the token limit: raise --max-tokens"
                } else {
                    ""
                };
                return Err(Error::BadResponse(format!(
                    "{flag}: the answer is not valid JSON{why}"
                )));
            }
        }
    }
    Ok(())
}

/// The tools asked for, as words, when an answer is tool calls (by its finish reason, or
/// by calls that came with it).
fn tool_calls(endings: &[Ending]) -> Option<String> {
    let asked = endings.iter().any(|e| {
        !e.tool_calls.is_empty()
            || matches!(
                e.finish_reason,
                Some(FinishReason::ToolCalls | FinishReason::FunctionCall)
            )
    });
    if !asked {
        return None;
    }
    let mut names: Vec<&str> = endings
        .iter()
        .flat_map(|e| e.tool_calls.iter().map(String::as_str))
        .collect();
    names.dedup();
    Some(match names.as_slice() {
        [] => "a tool".to_string(),
        [one] => format!("the tool {one}"),
        many => format!("the tools {}", many.join(", ")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn judge_warns_on_length_and_fails_on_filter_refusal_and_bad_json() {
        let mut err = Vec::new();
        let length = Ending {
            finish_reason: Some("length".into()),
            text: Some("{\"a\":".into()),
            ..Ending::default()
        };
        assert!(judge(std::slice::from_ref(&length), None, &mut err).is_ok());
        assert!(String::from_utf8_lossy(&err).contains("finish_reason: length"));
        let failure = judge(&[length], Some("--json"), &mut Vec::new()).unwrap_err();
        assert_eq!(failure.exit_code(), 8);
        assert!(failure.to_string().contains("--max-tokens"), "{failure}");

        let filtered = Ending {
            finish_reason: Some("content_filter".into()),
            ..Ending::default()
        };
        assert_eq!(
            judge(&[filtered], None, &mut Vec::new())
                .unwrap_err()
                .exit_code(),
            9
        );
        let refused = Ending {
            refusal: Some("I can't".into()),
            ..Ending::default()
        };
        let failure = judge(&[refused], None, &mut Vec::new()).unwrap_err();
        assert_eq!(failure.to_string(), "the model refused: I can't");
    }

    #[test]
    fn tool_calls_are_their_own_failure_naming_the_tools() {
        let calls = Ending {
            finish_reason: Some("tool_calls".into()),
            tool_calls: vec!["get_weather".into(), "get_time".into()],
            text: Some(String::new()),
            ..Ending::default()
        };
        let failure = judge(&[calls], Some("--json"), &mut Vec::new()).unwrap_err();
        assert_eq!(failure.exit_code(), 10);
        assert!(
            failure.to_string().starts_with(
                "the model asked to call the tools get_weather, get_time instead of answering"
            ),
            "{failure}"
        );
    }
}
