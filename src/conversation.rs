//! The conversation a request continues: its system message, the messages before the
//! prompt, and what an answered exchange adds. Reading and writing them is
//! [`crate::history`]'s job; this type only holds them and applies the rules.

use crate::api::message::{Message, Role};

/// The messages that come before the next prompt.
///
/// The system message follows one rule, here and nowhere else: it is sent first unless the
/// conversation already holds the same one (a continued conversation usually starts with
/// it), and it is recorded only as the first line of a new conversation (a `--system` for
/// one run of a continued file is sent, not written into the file's middle).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Transcript {
    system: Option<Message>,
    /// A continued conversation's messages, then the exchanges answered since.
    earlier: Vec<Message>,
    /// `--user`/`--assistant` turns: part of the next exchange only.
    turns: Vec<Message>,
}

impl Transcript {
    pub fn new(system: Option<String>, earlier: Vec<Message>, turns: Vec<Message>) -> Transcript {
        Transcript {
            system: system.map(|text| Message::new(Role::System, text)),
            earlier,
            turns,
        }
    }

    /// A different system message (a line-mode record's own `"system"`).
    pub fn set_system(&mut self, system: String) {
        self.system = Some(Message::new(Role::System, system));
    }

    /// What is sent before the prompt, in order.
    pub fn context(&self) -> impl Iterator<Item = &Message> {
        let repeated = |system: &&Message| self.earlier.contains(system);
        let system = self.system.as_ref().filter(|s| !repeated(s));
        system.into_iter().chain(&self.earlier).chain(&self.turns)
    }

    /// How many messages [`Transcript::context`] yields at most.
    pub fn len(&self) -> usize {
        usize::from(self.system.is_some()) + self.earlier.len() + self.turns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds an answered exchange and returns the messages it adds to the conversation's
    /// file: the system message when the conversation is new, the turns, the prompt and
    /// the answer.
    pub fn record(&mut self, prompt: &str, answer: String) -> Vec<Message> {
        self.record_answer(Some(prompt), Message::new(Role::Assistant, answer))
    }

    /// [`Transcript::record`] for any answer (tool calls too), after a prompt or (after
    /// tool results, which are the turns) without one.
    pub fn record_answer(&mut self, prompt: Option<&str>, answer: Message) -> Vec<Message> {
        let mut new = Vec::with_capacity(self.turns.len() + 3);
        if self.earlier.is_empty() {
            new.extend(self.system.clone());
        }
        new.append(&mut self.turns);
        new.extend(prompt.map(|prompt| Message::new(Role::User, prompt)));
        new.push(answer);
        self.earlier.extend(new.iter().cloned());
        new
    }

    /// Messages that go before the next answer (tool results), recorded with it.
    pub fn add_turns(&mut self, turns: Vec<Message>) {
        self.turns.extend(turns);
    }

    /// The last message of the conversation so far.
    pub fn last(&self) -> Option<&Message> {
        self.earlier.last()
    }

    /// The whole conversation as its file holds it, after [`Transcript::record`].
    pub fn saved(&self) -> &[Message] {
        &self.earlier
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(role: Role, text: &str) -> Message {
        Message::new(role, text)
    }

    fn context(transcript: &Transcript) -> Vec<Message> {
        transcript.context().cloned().collect()
    }

    #[test]
    fn a_new_conversation_sends_and_records_its_system_message_once() {
        let turns = vec![msg(Role::User, "q0"), msg(Role::Assistant, "a0")];
        let mut transcript = Transcript::new(Some("sys".into()), Vec::new(), turns.clone());
        let sys = msg(Role::System, "sys");
        assert_eq!(
            context(&transcript),
            [sys.clone(), turns[0].clone(), turns[1].clone()]
        );
        let new = transcript.record("q1", "a1".into());
        let first = [
            sys.clone(),
            turns[0].clone(),
            turns[1].clone(),
            msg(Role::User, "q1"),
            msg(Role::Assistant, "a1"),
        ];
        assert_eq!(new, first);
        // The turns were part of the first exchange; the system message is not repeated.
        assert_eq!(context(&transcript), first);
        let new = transcript.record("q2", "a2".into());
        assert_eq!(new, [msg(Role::User, "q2"), msg(Role::Assistant, "a2")]);
        assert_eq!(transcript.saved().len(), 7);
    }

    #[test]
    fn a_continued_conversation_gets_a_new_system_message_sent_but_not_recorded() {
        let earlier = vec![msg(Role::User, "q0"), msg(Role::Assistant, "a0")];
        let mut transcript = Transcript::new(Some("new".into()), earlier.clone(), Vec::new());
        assert_eq!(
            context(&transcript),
            [
                msg(Role::System, "new"),
                earlier[0].clone(),
                earlier[1].clone()
            ]
        );
        let new = transcript.record("q1", "a1".into());
        assert_eq!(new, [msg(Role::User, "q1"), msg(Role::Assistant, "a1")]);
    }

    #[test]
    fn the_same_system_message_in_the_file_is_not_sent_twice() {
        let earlier = vec![msg(Role::System, "sys"), msg(Role::User, "q0")];
        let transcript = Transcript::new(Some("sys".into()), earlier.clone(), Vec::new());
        assert_eq!(context(&transcript), earlier);
        assert_eq!(transcript.len(), 3);
    }
}
