//! The command-line definition: its consistency and the orders clap cannot express.

use super::*;

#[test]
fn definition_is_consistent() {
    command().debug_assert();
}

#[test]
fn turns_keep_command_line_order_across_both_flags() {
    let cli = parse_from([
        "oaichat",
        "--user",
        "q1",
        "--assistant",
        "a1",
        "-t",
        "1",
        "--user",
        "q2",
        "now",
    ])
    .expect("valid command line");
    let order: Vec<(bool, &str)> = cli
        .turns
        .iter()
        .map(|t| (t.role == Role::Assistant, t.content.as_str()))
        .collect();
    assert_eq!(order, [(false, "q1"), (true, "a1"), (false, "q2")]);
    assert_eq!(cli.prompt, ["now"]);
}

#[test]
fn models_is_a_subcommand_unless_after_double_dash() {
    let cli = parse_from(["oaichat", "models", "--raw"]).expect("valid");
    assert_eq!(cli.command, Some(Sub::Models { raw: true }));
    assert!(cli.raw);
    let cli = parse_from(["oaichat", "--", "models"]).expect("valid");
    assert_eq!(cli.command, None);
    assert_eq!(cli.prompt, ["models"]);
}

#[test]
fn negative_penalties_parse_as_values() {
    let cli =
        parse_from(["oaichat", "--frequency-penalty", "-1.5", "hi"]).expect("valid command line");
    assert_eq!(cli.request.frequency_penalty, Some(-1.5));
    assert_eq!(cli.prompt, ["hi"]);
}
