//! How an answer ended, judged: a warning for `length`, failures for a refusal, the
//! content filter, tool calls, and text that is not the JSON asked for.

use std::io::Write;

use super::Ending;
use crate::api::request::Format;
use crate::api::response::ChatResponse;
use crate::api::response::FinishReason;
use crate::error::{BadResponse, Declined, Error};

/// Judges the endings: warns on stderr for `length`, and fails for a refusal, the content
/// filter, or text that is not JSON when the `format` (`--json`, `--schema`) asks for it.
pub fn judge(endings: &[Ending], format: &Format, stderr: &mut dyn Write) -> Result<(), Error> {
    let cut = endings
        .iter()
        .any(|e| e.finish_reason == Some(FinishReason::Length));
    if cut {
        // stderr may be closed; the answer is on stdout either way.
        crate::log::warning(
            stderr,
            format_args!(
                "the answer was cut off at the token limit (finish_reason: length); raise \
                 --max-tokens for more"
            ),
        );
    }
    if endings
        .iter()
        .any(|e| e.finish_reason.is_none() && !e.asks_for_tools())
    {
        // llama.cpp's server ends a stream it cuts short (for a newer request) with
        // `[DONE]`, as if whole: only the missing reason tells.
        crate::log::warning(
            stderr,
            format_args!(
                "the answer came without a finish_reason: the server may have cut it short"
            ),
        );
    }
    if endings.iter().any(|e| e.unclosed_think) {
        crate::log::warning(
            stderr,
            format_args!(
                "the answer is empty: the model's <think> block never closed, so all it wrote \
                 was reasoning"
            ),
        );
    }
    if let Some(refusal) = endings.iter().find_map(|e| e.refusal.as_deref()) {
        return Err(Error::Declined(Declined::Refused(refusal.trim().into())));
    }
    if endings
        .iter()
        .any(|e| e.finish_reason == Some(FinishReason::ContentFilter))
    {
        return Err(Error::Declined(Declined::ContentFilter));
    }
    if asked_for_tools(endings).is_some() {
        // Calls are not text to judge: the caller hands them on (see `crate::tools`).
        return Ok(());
    }
    if let Some(flag) = format.flag() {
        for ending in endings {
            let text = ending.text.as_deref().unwrap_or_default();
            if serde_json::from_str::<serde::de::IgnoredAny>(text).is_err() {
                return Err(BadResponse::NotJson { flag, cut }.into());
            }
        }
    }
    Ok(())
}

/// Warns when fewer answers came back than `-n` asked for: some servers (llama.cpp's)
/// ignore `n`. What came is printed; it is not a failure.
pub fn count_answers(came: usize, asked: Option<u32>, stderr: &mut dyn Write) {
    if let Some(asked) = asked.filter(|&asked| came < asked as usize) {
        crate::log::warning(
            stderr,
            format_args!("{came} of {asked} answers came back (the server may ignore -n)"),
        );
    }
}

/// Judges a whole chat completion as every whole answer is judged (one-shot, line mode, a
/// batch's results): it must have choices, and its endings must pass [`judge`].
pub fn judge_answer(
    response: &ChatResponse,
    format: &Format,
    stderr: &mut dyn Write,
) -> Result<Vec<Ending>, Error> {
    if response.choices.is_empty() {
        return Err(BadResponse::NoChoices.into());
    }
    let endings = super::response_endings(response, true);
    judge(&endings, format, stderr)?;
    Ok(endings)
}

/// The tools asked for, when an answer is tool calls (by its finish reason, or by calls
/// that came with it).
fn asked_for_tools(endings: &[Ending]) -> Option<Vec<String>> {
    let asked = endings.iter().any(Ending::asks_for_tools);
    if !asked {
        return None;
    }
    let mut names: Vec<String> = endings.iter().flat_map(|e| e.calls.names()).collect();
    names.dedup();
    Some(names)
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
        assert!(judge(std::slice::from_ref(&length), &Format::Text, &mut err).is_ok());
        assert!(String::from_utf8_lossy(&err).contains("finish_reason: length"));
        let failure = judge(&[length], &Format::JsonObject, &mut Vec::new()).unwrap_err();
        assert_eq!(failure.exit_code(), 8);
        assert!(failure.to_string().contains("--max-tokens"), "{failure}");

        let filtered = Ending {
            finish_reason: Some("content_filter".into()),
            ..Ending::default()
        };
        assert_eq!(
            judge(&[filtered], &Format::Text, &mut Vec::new())
                .unwrap_err()
                .exit_code(),
            9
        );
        let refused = Ending {
            refusal: Some("I can't".into()),
            ..Ending::default()
        };
        let failure = judge(&[refused], &Format::Text, &mut Vec::new()).unwrap_err();
        assert_eq!(failure.to_string(), "the model refused: I can't");
    }

    #[test]
    fn fewer_answers_than_asked_for_are_a_warning_and_an_unclosed_think_block_too() {
        let mut err = Vec::new();
        count_answers(1, Some(2), &mut err);
        count_answers(2, Some(2), &mut err);
        count_answers(1, None, &mut err);
        let unclosed = Ending {
            unclosed_think: true,
            finish_reason: Some(FinishReason::Stop),
            ..Ending::default()
        };
        assert!(judge(&[unclosed], &Format::Text, &mut err).is_ok());
        assert_eq!(
            String::from_utf8(err).unwrap(),
            "oaichat: warning: 1 of 2 answers came back (the server may ignore -n)\n\
             oaichat: warning: the answer is empty: the model's <think> block never closed, so \
             all it wrote was reasoning\n"
        );
    }

    #[test]
    fn an_answer_without_a_finish_reason_may_have_been_cut_short() {
        let mut err = Vec::new();
        assert!(judge(&[Ending::default()], &Format::Text, &mut err).is_ok());
        assert_eq!(
            String::from_utf8(err).unwrap(),
            "oaichat: warning: the answer came without a finish_reason: the server may have \
             cut it short\n"
        );
    }

    #[test]
    fn tool_calls_are_not_judged_as_text_and_are_named() {
        let mut calls = crate::tools::Calls::default();
        calls.add(0, Some("a"), Some("get_weather"), None);
        calls.add(1, Some("b"), Some("get_time"), None);
        let ending = Ending {
            finish_reason: Some("tool_calls".into()),
            calls,
            text: Some(String::new()),
            ..Ending::default()
        };
        let endings = [ending];
        judge(&endings, &Format::JsonObject, &mut Vec::new()).unwrap();
        let names = asked_for_tools(&endings).unwrap();
        assert_eq!(names, ["get_weather", "get_time"]);
    }

    #[test]
    fn a_whole_answer_without_choices_is_no_answer() {
        let empty: ChatResponse = serde_json::from_str(r#"{"choices": []}"#).unwrap();
        let failure = judge_answer(&empty, &Format::Text, &mut Vec::new()).unwrap_err();
        assert_eq!(
            (failure.exit_code(), failure.to_string()),
            (8, "the response has no choices".to_string())
        );
        let one: ChatResponse = serde_json::from_str(
            r#"{"choices": [{"index": 0, "message": {"content": "{}"}, "finish_reason": "stop"}]}"#,
        )
        .unwrap();
        let endings = judge_answer(&one, &Format::JsonObject, &mut Vec::new()).unwrap();
        assert_eq!(endings[0].text.as_deref(), Some("{}"));
    }
}
