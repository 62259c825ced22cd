//! Counting tokens locally, as the model will: o200k_base for gpt-4o, gpt-4.1, gpt-5 and the
//! o-series, cl100k_base for gpt-4 and gpt-3.5.
//!
//! The counts are tiktoken's (a property test holds them to tiktoken-rs), computed from
//! tables generated at build time (build.rs), so the first count costs no more than the
//! next: tiktoken-rs built its tables at first use, 150 ms of every `--dry-run` (issue 13).
//! [`split`] cuts text into pieces as tiktoken's patterns do, [`bpe`] merges each piece's
//! bytes into tokens of the [`vocab`].
//!
//! A chat request costs a little more than its texts: OpenAI's published rule of thumb adds
//! 3 tokens per message and 3 to prime the reply. Images are not counted (their cost
//! depends on size and detail); the figures are for the text.
//!
//! Callers still count only when a cheap bound says it could matter: a token is at least
//! one byte, so a text never has more tokens than bytes.

mod bpe;
mod classes;
mod count;
mod hash;
mod split;
mod vocab;

use crate::api::request::{ChatMessage, ChatRequest, Content, Part, Role};
use crate::catalog;

use self::bpe::Merger;
use self::split::Pattern;
use self::vocab::Vocab;

/// Per message, and once for the reply, in OpenAI's counting rule for chat models.
const PER_MESSAGE: usize = 3;
const REPLY_PRIMING: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    O200k,
    Cl100k,
}

impl Encoding {
    /// The encoding for a model; unknown models are counted with o200k_base, today's
    /// default, as an estimate.
    pub fn for_model(model: &str) -> Encoding {
        match catalog::lookup(model) {
            Some(known) if known.cl100k => Encoding::Cl100k,
            _ => Encoding::O200k,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Encoding::O200k => "o200k_base",
            Encoding::Cl100k => "cl100k_base",
        }
    }

    fn parts(self) -> (Pattern, &'static Vocab) {
        match self {
            Encoding::O200k => (Pattern::O200k, &vocab::O200K_BASE),
            Encoding::Cl100k => (Pattern::Cl100k, &vocab::CL100K_BASE),
        }
    }

    /// Tokens in a text. Special-token text (`<|endoftext|>`) counts as ordinary text, as
    /// the API treats user input.
    pub fn count(self, text: &str) -> usize {
        let (pattern, vocab) = self.parts();
        count::count(pattern, vocab, text)
    }

    /// The token ids of a text, as tiktoken's `encode_ordinary` gives them.
    pub fn encode(self, text: &str) -> Vec<u32> {
        let (pattern, vocab) = self.parts();
        let mut merger = Merger::default();
        let mut ids = Vec::new();
        for piece in split::pieces(pattern, text) {
            merger.tokens(vocab, piece.as_bytes(), |token| {
                ids.extend(vocab.rank(token));
            });
        }
        ids
    }
}

/// The texts of a message that the model reads: its content, and the names and arguments
/// of the tools it called (counted as text: an estimate, as the API's own framing of calls
/// is not published).
fn texts<'a>(message: &'a ChatMessage<'a>) -> impl Iterator<Item = &'a str> {
    let (single, parts) = match &message.content {
        Content::Text(text) => (Some(*text), &[][..]),
        Content::Parts(parts) => (None, parts.as_slice()),
        Content::Null => (None, &[][..]),
    };
    let calls = message
        .tool_calls
        .iter()
        .flat_map(|c| [c.function.name.as_str(), c.function.arguments.as_str()]);
    single
        .into_iter()
        .chain(parts.iter().filter_map(|p| match p {
            Part::Text { text } => Some(*text),
            Part::ImageUrl { .. } => None,
        }))
        .chain(calls)
}

/// Tokens of one message, overhead included.
pub fn message_tokens(encoding: Encoding, message: &ChatMessage<'_>) -> usize {
    PER_MESSAGE + texts(message).map(|t| encoding.count(t)).sum::<usize>()
}

/// Tokens the request's messages will take as the prompt.
pub fn request_tokens(encoding: Encoding, request: &ChatRequest<'_>) -> usize {
    REPLY_PRIMING
        + request
            .messages
            .iter()
            .map(|m| message_tokens(encoding, m))
            .sum::<usize>()
        + tool_texts(request)
            .map(|t| encoding.count(&t))
            .sum::<usize>()
}

/// The tool definitions, which the model reads as part of the prompt: counted as their
/// JSON (an estimate: the API's own rendering of them is not published).
fn tool_texts<'r>(request: &'r ChatRequest<'_>) -> impl Iterator<Item = String> + 'r {
    request.tools.iter().map(|tool| tool.to_string())
}

/// An upper bound on [`request_tokens`] without loading a vocabulary.
pub fn upper_bound(request: &ChatRequest<'_>) -> usize {
    REPLY_PRIMING
        + request
            .messages
            .iter()
            .map(|m| PER_MESSAGE + texts(m).map(str::len).sum::<usize>())
            .sum::<usize>()
        + tool_texts(request).map(|t| t.len()).sum::<usize>()
}

/// Drops the oldest turns until the request fits in `limit` tokens. A turn is a user
/// message and what follows it up to the next user message, dropped whole: servers with
/// strict chat templates (vLLM, llama.cpp with Mistral or Gemma templates) reject a
/// conversation that alternates wrongly. System messages and the last message (the new
/// prompt) stay. Returns how many messages went, or, when even what must stay is over
/// the limit, how many tokens that is.
pub fn trim_to(
    encoding: Encoding,
    request: &mut ChatRequest<'_>,
    limit: usize,
) -> Result<usize, usize> {
    if upper_bound(request) <= limit {
        return Ok(0);
    }
    let mut sizes: Vec<usize> = request
        .messages
        .iter()
        .map(|m| message_tokens(encoding, m))
        .collect();
    let mut total = REPLY_PRIMING + sizes.iter().sum::<usize>();
    let mut dropped = 0;
    while total > limit {
        let Some(turn) = oldest_turn(&request.messages) else {
            return Err(total);
        };
        for i in turn.rev() {
            if request.messages[i].role != Role::System {
                total -= sizes.remove(i);
                request.messages.remove(i);
                dropped += 1;
            }
        }
    }
    Ok(dropped)
}

/// The indexes of the oldest turn before the last message: from the first message that is
/// not a system message up to the next user message.
fn oldest_turn(messages: &[ChatMessage<'_>]) -> Option<std::ops::Range<usize>> {
    let last = messages.len().checked_sub(1)?;
    let start = (0..last).find(|&i| messages[i].role != Role::System)?;
    let end = (start + 1..last)
        .find(|&i| messages[i].role == Role::User)
        .unwrap_or(last);
    Some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_token_ids_for_both_encodings() {
        // Reference ids published with other tiktoken implementations' tests.
        let ids = |e: Encoding, text| e.encode(text);
        assert_eq!(ids(Encoding::O200k, "Hello world"), [13225, 2375]);
        assert_eq!(ids(Encoding::O200k, "Hello, world!"), [13225, 11, 2375, 0]);
        assert_eq!(ids(Encoding::Cl100k, "Hello world"), [9906, 1917]);
        assert_eq!(ids(Encoding::Cl100k, "Hello, world!"), [9906, 11, 1917, 0]);
        assert_eq!(ids(Encoding::Cl100k, "hello world"), [15339, 1917]);
        assert_eq!(Encoding::O200k.count(""), 0);
    }

    #[test]
    fn known_counts_for_korean_code_emoji_and_long_repeats() {
        // (o200k_base, cl100k_base) as tiktoken-rs 0.12.1, tiktoken's Rust port, counts them.
        let cases: [(&str, String, (usize, usize)); 6] = [
            ("korean", "안녕하세요. 오늘은 날씨가 정말 좋네요! 한국어 토큰은 몇 개일까요?".into(), (22, 43)),
            ("code", "fn main() {\n    let xs: Vec<u32> = (0..10).map(|x| x * 2).collect();\n    println!(\"{xs:?}\");\n}\n".into(), (36, 36)),
            ("emoji", "👍🏽 Great job! 🎉🎉 👨‍👩‍👧‍👦 family 🇰🇷".into(), (26, 39)),
            ("mixed", "Résumé: naïve café — 東京 and Ελληνικά; it's 3.14159 (π) isn't it?\r\n\tDONE'S".into(), (26, 39)),
            // One 10,000-byte piece: merged with the heap.
            ("one long piece", "ha".repeat(5000), (2501, 4999)),
            ("repeated words", "all work and no play makes jack a dull boy. ".repeat(1000), (11001, 11001)),
        ];
        for (name, text, (o200k, cl100k)) in cases {
            assert_eq!(Encoding::O200k.count(&text), o200k, "{name}");
            assert_eq!(Encoding::Cl100k.count(&text), cl100k, "{name}");
        }
    }

    fn message(role: Role, text: &str) -> ChatMessage<'_> {
        ChatMessage::text(role, text)
    }

    fn request<'a>(messages: Vec<ChatMessage<'a>>) -> ChatRequest<'a> {
        ChatRequest {
            model: "m",
            messages,
            temperature: None,
            top_p: None,
            max_tokens: None,
            max_completion_tokens: None,
            reasoning_effort: None,
            n: None,
            stop: &[],
            seed: None,
            frequency_penalty: None,
            presence_penalty: None,
            response_format: None,
            tools: Vec::new(),
            tool_choice: None,
            parallel_tool_calls: None,
            stream: None,
            stream_options: None,
        }
    }

    #[test]
    fn history_is_trimmed_by_whole_turns() {
        let long = "word ".repeat(50);
        let mut r = request(vec![
            message(Role::System, "sys"),
            message(Role::User, &long),
            message(Role::Assistant, "a1"),
            message(Role::Assistant, "a1 again"),
            message(Role::User, "q2"),
            message(Role::Assistant, "a2"),
            message(Role::User, "now"),
        ]);
        // Dropping the long question alone would fit; its answers go with it.
        assert_eq!(trim_to(Encoding::O200k, &mut r, 40), Ok(3));
        let roles: Vec<Role> = r.messages.iter().map(|m| m.role).collect();
        assert_eq!(
            roles,
            [Role::System, Role::User, Role::Assistant, Role::User]
        );
    }

    #[test]
    fn what_must_stay_over_the_limit_is_an_error_with_its_size() {
        let long = "word ".repeat(50);
        let mut r = request(vec![
            message(Role::System, &long),
            message(Role::User, "q1"),
            message(Role::Assistant, "a1"),
            message(Role::User, "now"),
        ]);
        let needed = trim_to(Encoding::O200k, &mut r, 20).unwrap_err();
        assert!(needed > 50, "{needed}");
    }

    #[test]
    fn models_map_to_their_encodings() {
        for model in ["gpt-4o", "gpt-4.1-mini", "gpt-5", "o3", "o4-mini", "llama3"] {
            assert_eq!(Encoding::for_model(model), Encoding::O200k, "{model}");
        }
        for model in ["gpt-4", "gpt-4-turbo", "gpt-3.5-turbo-0125"] {
            assert_eq!(Encoding::for_model(model), Encoding::Cl100k, "{model}");
        }
    }
}

#[cfg(test)]
mod tiktoken_properties;
