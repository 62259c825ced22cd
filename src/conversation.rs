//! The conversation a request continues: its system message, the messages before the
//! prompt, and what an answered exchange adds or (the chat's `/undo` and `/retry`) takes
//! away. Reading and writing them is [`crate::history`]'s job; this type only holds them
//! and applies the rules.

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
    /// The chat's `/system` (or `/role`) replaced the system message: the one a continued
    /// conversation starts with is no longer sent.
    replaced: bool,
}

impl Transcript {
    pub fn new(system: Option<String>, earlier: Vec<Message>, turns: Vec<Message>) -> Transcript {
        Transcript {
            system: system.map(|text| Message::new(Role::System, text)),
            earlier,
            turns,
            replaced: false,
        }
    }

    /// A different system message (a line-mode record's own `"system"`).
    pub fn set_system(&mut self, system: String) {
        self.system = Some(Message::new(Role::System, system));
    }

    /// The chat's `/system TEXT`: from now on TEXT is sent in place of the system message,
    /// and in place of the one the conversation starts with, whose file keeps it (a file is
    /// appended to, never rewritten in its middle, as for `--system` on a continued file).
    /// A conversation with nothing in it yet records TEXT as its first line.
    pub fn replace_system(&mut self, system: String) {
        self.system = Some(Message::new(Role::System, system));
        self.replaced = true;
    }

    /// What is sent before the prompt, in order.
    pub fn context(&self) -> impl Iterator<Item = &Message> {
        self.messages().chain(&self.turns)
    }

    /// The conversation so far as it is sent: the system message and the exchanges, without
    /// the turns still waiting for the next one (what the chat's `/history` and `/save`
    /// show).
    pub fn messages(&self) -> impl Iterator<Item = &Message> {
        let kept = &self.earlier[self.superseded()..];
        let repeated = |system: &&Message| kept.contains(system);
        let system = self.system.as_ref().filter(|s| !repeated(s));
        system.into_iter().chain(kept)
    }

    /// How many of the first messages a replaced system message stands in for: the system
    /// and developer messages the conversation starts with.
    fn superseded(&self) -> usize {
        match self.replaced {
            true => (self.earlier.iter())
                .take_while(|m| matches!(m.role, Role::System | Role::Developer))
                .count(),
            false => 0,
        }
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

    /// Where the last exchange starts: at its question, the last user message.
    fn last_exchange(&self) -> Option<usize> {
        self.earlier.iter().rposition(|m| m.role == Role::User)
    }

    /// The question of the last exchange.
    pub fn last_question(&self) -> Option<&str> {
        Some(self.earlier[self.last_exchange()?].content.as_str())
    }

    /// The chat's `/undo`: drops the last exchange (its question, its answer and the tool
    /// turns between them) and returns how many messages went; None when there is none.
    /// Tool results still waiting for an answer belong to that exchange and go too.
    pub fn undo(&mut self) -> Option<usize> {
        let start = self.last_exchange()?;
        let dropped = self.earlier.len() - start;
        self.earlier.truncate(start);
        self.turns.retain(|m| m.role != Role::Tool);
        Some(dropped)
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

    #[test]
    fn a_replaced_system_message_is_sent_in_place_of_the_one_the_file_starts_with() {
        let earlier = vec![
            msg(Role::System, "old"),
            msg(Role::User, "q0"),
            msg(Role::Assistant, "a0"),
        ];
        let mut transcript = Transcript::new(Some("old".into()), earlier.clone(), Vec::new());
        transcript.replace_system("new".into());
        let sent = [
            msg(Role::System, "new"),
            earlier[1].clone(),
            earlier[2].clone(),
        ];
        assert_eq!(context(&transcript), sent);
        // The file keeps its first line: only the exchange is appended.
        let new = transcript.record("q1", "a1".into());
        assert_eq!(new, [msg(Role::User, "q1"), msg(Role::Assistant, "a1")]);
        assert_eq!(transcript.saved()[0], msg(Role::System, "old"));
    }

    #[test]
    fn a_new_conversation_records_the_replaced_system_message_once() {
        let mut transcript = Transcript::new(Some("old".into()), Vec::new(), Vec::new());
        transcript.replace_system("new".into());
        let new = transcript.record("q1", "a1".into());
        assert_eq!(new[0], msg(Role::System, "new"));
        let sent = context(&transcript);
        assert_eq!(sent, new);
    }

    #[test]
    fn undo_drops_the_last_question_with_its_answer_and_tool_turns() {
        let call = crate::tools::Call::new("c1".into(), "w".into(), "{}".into());
        let earlier = vec![
            msg(Role::System, "sys"),
            msg(Role::User, "q0"),
            msg(Role::Assistant, "a0"),
            msg(Role::User, "q1"),
            Message::calls("", vec![call]),
            Message::tool_result("c1", "21"),
            msg(Role::Assistant, "a1"),
        ];
        let mut transcript = Transcript::new(None, earlier.clone(), Vec::new());
        assert_eq!(transcript.last_question(), Some("q1"));
        assert_eq!(transcript.undo(), Some(4));
        assert_eq!(transcript.saved(), &earlier[..3]);
        assert_eq!(transcript.undo(), Some(2));
        assert_eq!(transcript.saved(), &earlier[..1]);
        // The system message is not an exchange.
        assert_eq!(transcript.undo(), None);
        assert_eq!(transcript.last_question(), None);
    }

    #[test]
    fn undo_takes_tool_results_still_waiting_for_their_answer() {
        let call = crate::tools::Call::new("c1".into(), "w".into(), "{}".into());
        let earlier = vec![msg(Role::User, "q"), Message::calls("", vec![call])];
        let turns = vec![Message::tool_result("c1", "21")];
        let mut transcript = Transcript::new(None, earlier, turns);
        assert_eq!(transcript.undo(), Some(2));
        assert!(transcript.is_empty(), "{transcript:?}");
    }
}
