//! The chat's lines decided: messages, commands, their arguments and their errors, and
//! tab completion.

use super::*;

fn message(text: &str) -> Result<Line, Problem> {
    Ok(Line::Message(text.into()))
}

fn run(command: Command) -> Result<Line, Problem> {
    Ok(Line::Command(command))
}

#[test]
fn every_name_has_one_entry_with_its_help() {
    for spec in &COMMANDS {
        assert_eq!(spec_of(spec.name).word, spec.word);
        assert!(
            spec.word.starts_with('/') && !spec.help.is_empty(),
            "{spec:?}"
        );
        let takes_something = spec.takes != Takes::Nothing;
        assert_eq!(takes_something, !spec.argument.is_empty(), "{spec:?}");
    }
}

#[test]
fn exit_words_in_both_languages() {
    for word in ["exit", "QUIT", " bye ", "종료", "/exit", "/EXIT"] {
        assert_eq!(parse(word), Ok(Line::Exit), "{word}");
    }
    for word in ["exit now", "goodbye", "종료해"] {
        assert!(!is_exit(word), "{word}");
        assert_eq!(parse(word), message(word), "{word}");
    }
}

#[test]
fn blank_lines_are_nothing_and_messages_are_kept_as_typed() {
    for blank in ["", "   ", "\t"] {
        assert_eq!(parse(blank), Ok(Line::Empty), "{blank:?}");
    }
    assert_eq!(parse("  hello there "), message("  hello there "));
    assert_eq!(parse("a/b"), message("a/b"));
}

#[test]
fn a_double_slash_sends_the_line_without_its_first_slash() {
    assert_eq!(parse("//help"), message("/help"));
    assert_eq!(
        parse("//etc/hosts is empty"),
        message("/etc/hosts is empty")
    );
    assert_eq!(parse("//"), message("/"));
}

#[test]
fn commands_without_arguments() {
    let plain = [
        ("/help", Command::Help),
        ("/clear", Command::Clear),
        ("/retry", Command::Retry),
        ("/undo", Command::Undo),
        ("/usage", Command::Usage),
        ("/history ", Command::History),
        ("/Edit", Command::Edit),
    ];
    for (line, command) in plain {
        assert_eq!(parse(line), run(command), "{line}");
    }
    assert_eq!(
        parse("/clear everything"),
        Err(Problem::Unexpected(Name::Clear))
    );
}

#[test]
fn commands_with_a_name_take_one_word() {
    assert_eq!(
        parse("/model  gpt-4o "),
        run(Command::Model("gpt-4o".into()))
    );
    assert_eq!(parse("/role ko"), run(Command::Role("ko".into())));
    assert_eq!(parse("/model"), Err(Problem::Missing(Name::Model)));
    assert_eq!(parse("/role   "), Err(Problem::Missing(Name::Role)));
    assert_eq!(parse("/model gpt 4o"), Err(Problem::Words(Name::Model)));
}

#[test]
fn commands_with_text_take_the_rest_of_the_line() {
    assert_eq!(
        parse("/system Be brief.\nAnswer in Korean. "),
        run(Command::System("Be brief.\nAnswer in Korean.".into()))
    );
    assert_eq!(
        parse("/system\non the next line"),
        run(Command::System("on the next line".into()))
    );
    assert_eq!(
        parse("/save my notes.md"),
        run(Command::Save("my notes.md".into()))
    );
    assert_eq!(parse("/system"), Err(Problem::Missing(Name::System)));
    assert_eq!(parse("/save "), Err(Problem::Missing(Name::Save)));
}

#[test]
fn an_unknown_command_is_an_error_that_names_the_fixes() {
    assert_eq!(parse("/hisotry"), Err(Problem::Unknown("/hisotry".into())));
    assert_eq!(parse("/ hello"), Err(Problem::Unknown("/".into())));
    assert_eq!(
        parse("/etc/hosts is empty"),
        Err(Problem::Unknown("/etc/hosts".into()))
    );
    assert_eq!(
        Problem::Unknown("/hisotry".into()).to_string(),
        "unknown command /hisotry: /help lists the commands; a line that starts with // is \
         sent without its first /"
    );
}

#[test]
fn argument_errors_say_what_is_missing_and_how_to_write_it() {
    let said = [
        (
            Problem::Missing(Name::Model),
            "/model needs a model's name: /model NAME",
        ),
        (
            Problem::Missing(Name::System),
            "/system needs the new system message: /system TEXT",
        ),
        (
            Problem::Words(Name::Role),
            "/role takes one word: /role NAME",
        ),
        (
            Problem::Unexpected(Name::Undo),
            "/undo takes nothing after it",
        ),
    ];
    for (problem, text) in said {
        assert_eq!(problem.to_string(), text);
    }
}

#[test]
fn tab_completes_command_names_and_role_names() {
    let roles = ["ko".to_string(), "shell".to_string(), "sql".to_string()];
    assert_eq!(
        complete("/h", &roles),
        (0, vec!["/help".into(), "/history".into()])
    );
    assert_eq!(complete("/mo", &roles), (0, vec!["/model ".into()]));
    assert_eq!(complete("/x", &roles).1, Vec::<String>::new());
    assert_eq!(complete("/", &roles).1.len(), COMMANDS.len());
    assert_eq!(
        complete("/role s", &roles),
        (6, vec!["shell".into(), "sql".into()])
    );
    assert_eq!(complete("/role  k", &roles), (7, vec!["ko".into()]));
    // Not a command: nothing to complete.
    assert_eq!(complete("hello /he", &roles), (9, Vec::new()));
    assert_eq!(complete("/model gp", &roles), (9, Vec::new()));
}
