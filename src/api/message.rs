//! A message of a conversation, as the API and the history files spell it: a role and its
//! text. One type for every place that holds one (the command line's --user/--assistant
//! turns, history files, the transcript), so that a role is never spelled twice.

use serde::{Deserialize, Serialize};

/// Who wrote a message (the roles a text-only conversation uses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    System,
    Developer,
    User,
    Assistant,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub role: Role,
    pub content: String,
}

impl Message {
    pub fn new(role: Role, content: impl Into<String>) -> Message {
        Message {
            role,
            content: content.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_its_role_in_lowercase_and_its_text() {
        let message = Message::new(Role::Developer, "be brief");
        let text = serde_json::to_string(&message).unwrap();
        assert_eq!(text, r#"{"role":"developer","content":"be brief"}"#);
        assert_eq!(serde_json::from_str::<Message>(&text).unwrap(), message);
    }
}
