//! The round trip's parts that need no server: sizing the request, reading a whole answer,
//! and the dry run.

use super::*;
use crate::api::message::{Message, Role};

/// A whole answer shown as on a pipe: reasoning in plain text.
const PLAIN: Show = Show {
    keep_text: false,
    reasoning: ReasoningView::Plain,
    hold_for_tools: true,
    spinner: false,
    render: None,
    tally: false,
    prompt_tokens: None,
};

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).expect("UTF-8")
}

#[test]
fn a_history_limit_drops_the_oldest_exchange_and_says_so_with_verbose() {
    let config = Config::for_test(&["--history-limit", "30", "-v"]);
    let earlier = [
        Message::new(Role::User, "an old question ".repeat(10)),
        Message::new(Role::Assistant, "an old answer"),
        Message::new(Role::User, "q"),
        Message::new(Role::Assistant, "a"),
    ];
    let mut request = request::build(&config.request, &earlier, "now");
    let mut err = Vec::new();
    fit(&config, &mut request, &mut err).expect("fits after the drop");
    let kept: Vec<&str> = request
        .messages
        .iter()
        .map(|m| match &m.content {
            request::Content::Text(text) => *text,
            request::Content::Parts(_) => "parts",
            request::Content::Null => "null",
        })
        .collect();
    assert_eq!(kept, ["q", "a", "now"]);
    assert_eq!(
        text(err),
        "oaichat: --history-limit 30: dropped the 2 oldest message(s)\n"
    );
}

#[test]
fn a_prompt_over_a_known_models_window_is_refused_before_sending() {
    let config = Config::for_test(&["-m", "gpt-4o-mini", "--max-tokens", "100"]);
    let prompt = "word ".repeat(140_000);
    let mut request = request::build(&config.request, [], &prompt);
    let err = fit(&config, &mut request, &mut std::io::sink()).unwrap_err();
    assert_eq!(err.exit_code(), crate::error::code::USAGE);
    let message = err.to_string();
    assert!(
        message.starts_with("the prompt is 1400")
            && message
                .contains(" plus 100 for the answer and gpt-4o-mini's context window is 128000"),
        "{message}"
    );
}

#[test]
fn a_whole_answer_is_printed_as_text_or_raw_and_its_text_kept() {
    let body = br#"{"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}]}"#;
    let mut out = Vec::new();
    let answer = answer::answer_whole(
        &Config::for_test(&[]),
        Wire::Chat,
        PLAIN,
        body,
        &mut out,
        &mut std::io::sink(),
    )
    .unwrap();
    assert_eq!(
        (text(out), answer.text.as_deref()),
        ("hi\n".into(), Some("hi"))
    );
    let mut out = Vec::new();
    answer::answer_whole(
        &Config::for_test(&["--raw"]),
        Wire::Chat,
        PLAIN,
        body,
        &mut out,
        &mut std::io::sink(),
    )
    .unwrap();
    assert_eq!(out, [&body[..], b"\n"].concat());
}

#[test]
fn a_whole_answers_reasoning_goes_to_stderr_before_it_and_is_not_kept() {
    let body = br#"{"choices":[{"index":0,"message":{"content":"<think>Hmm.</think>\n\nhi"},"finish_reason":"stop"}]}"#;
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let answer = answer::answer_whole(
        &Config::for_test(&[]),
        Wire::Chat,
        PLAIN,
        body,
        &mut out,
        &mut err,
    )
    .unwrap();
    assert_eq!(
        (text(out), text(err), answer.text.as_deref()),
        ("hi\n".into(), "Hmm.\n\n".into(), Some("hi"))
    );
}

#[test]
fn a_body_that_is_not_an_answer_is_a_bad_response() {
    let shown = |body: &[u8]| {
        let err = answer::answer_whole(
            &Config::for_test(&[]),
            Wire::Chat,
            PLAIN,
            body,
            &mut Vec::new(),
            &mut std::io::sink(),
        )
        .unwrap_err();
        (err.exit_code(), err.to_string())
    };
    assert_eq!(
        shown(br#"{"choices":[]}"#),
        (8, "the response has no choices".into())
    );
    let (code, message) = shown(b"<html><title>Bad Gateway</title></html>");
    assert_eq!(code, 8);
    assert!(
        message.starts_with("the response is not a chat completion ("),
        "{message}"
    );
    assert!(message.ends_with("Bad Gateway"), "{message}");
}

#[test]
fn a_dry_run_prints_the_body_and_sends_nothing() {
    let config = Config::for_test(&["--dry-run", "-m", "gpt-4o"]);
    let request = request::build(&config.request, [], "hi");
    let body = serde_json::to_vec(&request).unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let route = Route::new(&config, Wire::Chat);
    let answer = dry_run(&config, &route, &request, &body, &mut out, &mut err).unwrap();
    assert_eq!(answer.text, None);
    let printed: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        printed,
        serde_json::json!({"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]})
    );
    assert!(text(out).contains("\n  \"model\""), "pretty-printed");
    assert!(text(err).starts_with(
        "oaichat: dry run: POST https://api.openai.com/v1/chat/completions not sent; prompt "
    ),);
}
