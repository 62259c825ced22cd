//! The conversation shown (`/history`) and written as markdown (`/save FILE.md`), and the
//! commands listed (`/help`).

use std::io::{self, Write};

use super::commands::COMMANDS;
use crate::api::message::{Message, Role};
use crate::output::live::{self, Rendering};

/// `/history`: each message under its role, on stdout with the answers (it is the
/// conversation's text); a blank line after each.
pub fn history<'m>(
    out: &mut impl Write,
    messages: impl Iterator<Item = &'m Message>,
    rendering: Option<Rendering>,
) -> io::Result<()> {
    for message in messages {
        writeln!(out, "{}:", label(message))?;
        show_text(out, &message.content, rendering)?;
        for call in &message.tool_calls {
            let function = &call.function;
            writeln!(out, "→ {} {}", function.name, function.arguments)?;
        }
        writeln!(out)?;
    }
    out.flush()
}

/// A message's text as `/history` shows it, ended by a newline: rendered as the answers
/// are (markdown at a terminal, `--render`), else as written.
pub fn show_text(out: &mut impl Write, text: &str, rendering: Option<Rendering>) -> io::Result<()> {
    if text.is_empty() {
        return Ok(());
    }
    if let Some(rendering) = rendering {
        return live::render_whole(out, text, rendering);
    }
    out.write_all(text.as_bytes())?;
    match text.ends_with('\n') {
        true => Ok(()),
        false => out.write_all(b"\n"),
    }
}

/// Who wrote a message, as `/history` and the markdown name it.
fn label(message: &Message) -> String {
    match (message.role, &message.tool_call_id) {
        (Role::Tool, Some(id)) => format!("tool ({id})"),
        (Role::System, _) => "system".into(),
        (Role::Developer, _) => "developer".into(),
        (Role::User, _) => "user".into(),
        (Role::Assistant, _) => "assistant".into(),
        (Role::Tool, None) => "tool".into(),
    }
}

/// The conversation as markdown: a heading per message, its text as written (answers are
/// markdown already), tool calls and results in code.
pub fn markdown<'m>(messages: impl Iterator<Item = &'m Message>) -> String {
    let mut text = String::new();
    for message in messages {
        text.push_str(&format!("## {}\n\n", label(message)));
        let content = message.content.trim_end();
        match message.role {
            Role::Tool => text.push_str(&fenced(content)),
            _ if !content.is_empty() => text.push_str(&format!("{content}\n\n")),
            _ => {}
        }
        for call in &message.tool_calls {
            let function = &call.function;
            let asked = format!("{} {}", function.name, function.arguments);
            text.push_str(&format!("Calls:\n\n{}", fenced(&asked)));
        }
    }
    text
}

/// Text in a code fence longer than any run of backticks in it.
fn fenced(text: &str) -> String {
    let mut fence = "```".to_string();
    while text.contains(&fence) {
        fence.push('`');
    }
    format!("{fence}\n{text}\n{fence}\n\n")
}

/// `/help`: the commands and the keys, on stderr with the other things said to the person.
pub fn help(err: &mut impl Write) -> io::Result<()> {
    writeln!(
        err,
        "oaichat: the chat's commands (a line that starts with // is sent without its first /):"
    )?;
    for spec in &COMMANDS {
        let typed = format!("{} {}", spec.word, spec.argument);
        writeln!(err, "  {typed:<15} {}", spec.help)?;
    }
    writeln!(
        err,
        "oaichat: Alt-Enter or Ctrl-J starts a new line without sending; Tab completes a \
         command's name"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tools::Call;

    fn conversation() -> Vec<Message> {
        let call = Call::new("c1".into(), "weather".into(), r#"{"city":"Seoul"}"#.into());
        vec![
            Message::new(Role::System, "Be brief."),
            Message::new(Role::User, "weather?"),
            Message::calls("", vec![call]),
            Message::tool_result("c1", "21 C ```"),
            Message::new(Role::Assistant, "Sunny, 21 C.\n"),
        ]
    }

    #[test]
    fn history_shows_each_message_under_its_role() {
        let mut out = Vec::new();
        history(&mut out, conversation().iter(), None).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "system:\nBe brief.\n\nuser:\nweather?\n\nassistant:\n→ weather {\"city\":\"Seoul\"}\n\n\
             tool (c1):\n21 C ```\n\nassistant:\nSunny, 21 C.\n\n"
        );
    }

    #[test]
    fn markdown_heads_each_message_and_fences_tool_turns() {
        assert_eq!(
            markdown(conversation().iter()),
            "## system\n\nBe brief.\n\n## user\n\nweather?\n\n## assistant\n\nCalls:\n\n\
             ```\nweather {\"city\":\"Seoul\"}\n```\n\n## tool (c1)\n\n````\n21 C ```\n````\n\n\
             ## assistant\n\nSunny, 21 C.\n\n"
        );
    }

    #[test]
    fn help_lists_every_command_with_its_argument() {
        let mut err = Vec::new();
        help(&mut err).unwrap();
        let text = String::from_utf8(err).unwrap();
        assert!(
            text.contains("\n  /model NAME     ask with model NAME"),
            "{text}"
        );
        assert_eq!(text.lines().count(), COMMANDS.len() + 2, "{text}");
    }
}
