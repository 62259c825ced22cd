//! Line mode's progress bar (issue 15): on a terminal, drawn by indicatif on stderr with the
//! counts, the time taken and an ETA, the answers and messages written above it, in colour
//! only when colour is on; in a pipe, the summary line alone, without a carriage return or
//! an escape sequence. `batch wait`'s bar is tested with the batch server (batch/wait.rs).

use crate::support::*;

/// A terminal that says what it is: indicatif draws nothing on a dumb one.
const XTERM: (&str, &str) = ("TERM", "xterm");

/// Line mode over a file of three inputs (the second fails), on a terminal.
fn three_inputs_on_a_terminal(extra: &[&str], env: &[(&str, &str)]) -> String {
    let server = echo_server();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.txt");
    std::fs::write(&input, "a sleep=50\nplease fail\nc sleep=50\n").unwrap();
    let args = [
        &["--each", "-f", input.to_str().unwrap()][..],
        extra,
        &["x"],
    ]
    .concat();
    on_a_terminal_with(&server, &args, "", &[&[XTERM][..], env].concat())
}

#[test]
fn a_file_gets_a_bar_with_its_total_failures_and_an_eta() {
    let screen = three_inputs_on_a_terminal(&[], &[]);
    let frames = without_escapes(&screen);
    // Files are counted first: a bar of 3, and an ETA once answers give a rate.
    assert!(frames.contains("3/3 done (1 failed)"), "{screen:?}");
    assert!(frames.contains(", ETA "), "{screen:?}");
}

#[test]
fn answers_and_messages_stand_whole_above_the_bar_which_gives_way_to_the_summary() {
    let screen = three_inputs_on_a_terminal(&[], &[]);
    let mut lines = visible(&screen);
    assert_eq!(lines.len(), 6, "{screen:?}");
    // The summary's tokens, cost and time vary; what it counts does not.
    let summary = lines.remove(4);
    assert!(
        summary.starts_with("oaichat: 2 done, 1 failed, "),
        "{screen:?}"
    );
    assert_eq!(
        lines,
        [
            "re: x\\n\\na sleep=50",
            "oaichat: input line 2: error: HTTP 400 Bad Request: cannot do that (type \
             invalid_request_error)",
            "",
            "re: x\\n\\nc sleep=50",
            "oaichat: error: 1 of 3 inputs failed (their lines say why)",
        ],
        "{screen:?}"
    );
}

#[test]
fn the_bar_is_in_colour_only_when_colour_is_on() {
    assert!(paints(&three_inputs_on_a_terminal(&[], &[])));
    for (extra, env) in [
        (&["--color", "never"][..], &[][..]),
        (&[], &[("NO_COLOR", "1")]),
    ] {
        let screen = three_inputs_on_a_terminal(extra, env);
        assert!(without_escapes(&screen).contains("3/3 done"), "{screen:?}");
        assert!(!paints(&screen), "{extra:?} {env:?}: {screen:?}");
    }
}

/// A pipe sees what it always saw: the summary line, and no carriage return or escape
/// sequence, whether the total is known (a file) or not (stdin).
#[test]
fn a_pipe_gets_the_summary_line_alone() {
    let server = echo_server();
    let cmd = Cmd::at(&server);
    let input = cmd.file("in.txt", "a\nb\n");
    let from_file = cmd
        .args(["--each", "-f", input.to_str().unwrap(), "x"])
        .run()
        .success();
    let from_stdin = Cmd::at(&server)
        .args(["--each", "x"])
        .stdin("a\nb\n")
        .run()
        .success();
    for assert in [from_file, from_stdin] {
        let err = stderr(&assert);
        assert!(err.starts_with("oaichat: 2 done, 0 failed, "), "{err:?}");
        assert_eq!(err.lines().count(), 1, "{err:?}");
        assert!(!err.contains(['\r', '\x1b']), "{err:?}");
    }
}

/// A terminal that cannot move its cursor (`TERM=dumb`, or none) gets no bar: only the
/// lines that stay.
#[test]
fn a_dumb_terminal_gets_no_bar() {
    let screen = three_inputs_on_a_terminal(&[], &[("TERM", "dumb")]);
    assert!(!screen.contains("3/3"), "{screen:?}");
    assert!(!screen.contains('\x1b'), "{screen:?}");
}

/// A worker's message (here a retry's, with `-v`) is written from its own thread while the
/// bar shows: it stands on a line of its own too, not after the bar's text.
#[test]
fn a_workers_retry_message_stands_above_the_bar() {
    let mut limited = Reply::json(
        429,
        &serde_json::json!({"error": {"message": "slow down", "type": "rate_limit_error"}}),
    )
    .header("retry-after-ms", "10");
    // Answered once the bar is surely up.
    limited
        .steps
        .insert(0, Step::Sleep(std::time::Duration::from_millis(300)));
    let server = Server::start(vec![limited, answer("one"), answer("two")]);
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.txt");
    std::fs::write(&input, "a\nb\n").unwrap();
    let args = [
        "--each",
        "-P",
        "1",
        "-v",
        "-f",
        input.to_str().unwrap(),
        "x",
    ];
    let screen = on_a_terminal_with(&server, &args, "", &[XTERM]);
    let lines = visible(&screen);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("oaichat: retry 1/2 in 0.01s after: HTTP 429")),
        "{screen:?}"
    );
    assert!(
        without_escapes(&screen).contains("2/2 done (0 failed)"),
        "{screen:?}"
    );
}
