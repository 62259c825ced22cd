//! `--api chat|responses|auto`: which API a request goes to (issue 16).

use serde::Deserialize;

/// The API the user asked for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ApiChoice {
    /// The Responses API for the models served only there, else Chat Completions; and a
    /// second try at the Responses API when the chat endpoint says a model lives there.
    #[default]
    Auto,
    /// Always `POST /chat/completions`.
    Chat,
    /// Always `POST /responses`.
    Responses,
}

/// The API one request goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wire {
    Chat,
    Responses,
}

impl Wire {
    /// The API a whole answer came from, by what it says it is: a `Response` has `"object":
    /// "response"` (the spec's constant); anything else is read as a chat completion. A
    /// Batch API output line says nothing else of its request.
    pub fn of_answer(body: &serde_json::Value) -> Wire {
        match body.get("object").and_then(serde_json::Value::as_str) {
            Some("response") => Wire::Responses,
            _ => Wire::Chat,
        }
    }
}

impl ApiChoice {
    /// Where a request for `model` goes first.
    pub fn wire_for(self, model: &str) -> Wire {
        match self {
            ApiChoice::Chat => Wire::Chat,
            ApiChoice::Responses => Wire::Responses,
            ApiChoice::Auto if crate::catalog::responses_only(model) => Wire::Responses,
            ApiChoice::Auto => Wire::Chat,
        }
    }
}

/// Whether a chat endpoint's 404 says the model is served only by the Responses API:
/// OpenAI's words are "This model is only supported in v1/responses and not in
/// v1/chat/completions."
pub fn says_responses_only(detail: &str) -> bool {
    detail.contains("only supported in v1/responses")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_sends_responses_only_models_to_the_responses_api() {
        assert_eq!(
            ApiChoice::Auto.wire_for("o3-pro-2025-06-10"),
            Wire::Responses
        );
        assert_eq!(ApiChoice::Auto.wire_for("gpt-4o-mini"), Wire::Chat);
        assert_eq!(ApiChoice::Chat.wire_for("o3-pro"), Wire::Chat);
        assert_eq!(ApiChoice::Responses.wire_for("llama3"), Wire::Responses);
        assert!(says_responses_only(
            "This model is only supported in v1/responses and not in v1/chat/completions. \
             (type invalid_request_error)"
        ));
        assert!(!says_responses_only("The model `o9` does not exist"));
        let answer = |object| serde_json::json!({"object": object, "output": []});
        assert_eq!(Wire::of_answer(&answer("response")), Wire::Responses);
        assert_eq!(Wire::of_answer(&answer("chat.completion")), Wire::Chat);
    }
}
