//! Markdown rendered at a terminal (issue 15): on a pseudo-terminal the answer is rendered
//! as it streams; into a pipe it is byte for byte the model's text unless `--render always`
//! asks; data (`--raw`, `--json`, `-x`) is never rendered.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::support::on_a_terminal;
use crate::support::*;

const ANSWER: &str = "# Title\n\nSome **bold** text and `code`.\n\n- one\n- two\n\n\
```rust\nfn main() {}\n```\n";

/// The answer streamed with lines cut in the middle, as models send them.
fn streamed() -> Reply {
    let pieces = [
        "# Ti",
        "tle\n\nSome **bo",
        "ld** text and `code`.\n\n- one\n- two\n\n",
    ];
    let mut events: Vec<String> = pieces.iter().map(|p| delta(p)).collect();
    events.push(delta("```rust\nfn main() {}\n```\n"));
    events.extend([finish("stop"), DONE.into()]);
    sse(&events)
}

#[test]
fn at_a_terminal_the_answer_is_rendered_and_the_unfinished_line_redrawn() {
    let server = Server::start(vec![streamed()]);
    let screen = on_a_terminal(&server, &["--stream", "--no-stdin", "hi"], "");
    // "Some **bo" was shown as it came, then erased and drawn again, rendered.
    let plain = screen
        .find("Some **bo")
        .expect("the unfinished line, plain");
    let erased = plain + screen[plain..].find("\r\x1b[J").expect("erased");
    assert!(screen[erased..].contains("\x1b[1mbold"), "{screen:?}");
    // The heading in bold, the code's language shown and its text coloured.
    assert!(screen.contains("\x1b[1;35m# Title"), "{screen:?}");
    assert!(screen.contains("rust"), "{screen:?}");
    assert!(screen.contains("\x1b[38;2;"), "{screen:?}");
    assert!(!screen.contains("```"), "{screen:?}");
    assert!(screen.trim_end().ends_with("\x1b[0m"), "{screen:?}");
}

#[test]
fn at_a_terminal_render_never_prints_the_text_as_it_came() {
    let server = Server::start(vec![streamed(), answer(ANSWER)]);
    let args = ["--render", "never", "--no-stdin", "hi"];
    let screen = on_a_terminal(&server, &[&["--stream"][..], &args].concat(), "");
    assert_eq!(after_spinner(&screen), ANSWER);
    assert_eq!(after_spinner(&on_a_terminal(&server, &args, "")), ANSWER);
}

/// The screen after the spinner's line was cleared (stderr is the same terminal).
fn after_spinner(screen: &str) -> &str {
    let cleared = "\r\x1b[K";
    screen
        .rfind(cleared)
        .map_or(screen, |at| &screen[at + cleared.len()..])
}

#[test]
fn a_whole_answer_at_a_terminal_is_rendered_too() {
    let server = Server::start(vec![answer(ANSWER)]);
    let screen = on_a_terminal(&server, &["--no-stdin", "hi"], "");
    assert!(screen.contains("\x1b[1mbold"), "{screen:?}");
    // Nothing is redrawn: the whole text was there at once.
    assert!(!screen.contains("\r\x1b[J"), "{screen:?}");
}

#[test]
fn a_pipe_gets_the_same_bytes_as_render_never() {
    let server = Server::start(vec![streamed(), streamed(), answer(ANSWER), answer(ANSWER)]);
    for stream in [true, false] {
        let run = |extra: &[&str]| {
            let mut args = vec!["hi"];
            args.extend(extra);
            if stream {
                args.push("--stream");
            }
            stdout(&Cmd::at(&server).args(&args).run().success())
        };
        let piped = run(&[]);
        assert_eq!(piped, run(&["--render", "never"]));
        assert_eq!(piped, ANSWER);
    }
}

#[test]
fn render_always_renders_into_a_pipe_without_moving_the_cursor() {
    let server = Server::start(vec![streamed(), answer(ANSWER)]);
    let coloured = Cmd::at(&server)
        .args(["--render", "always", "--stream", "hi"])
        .run()
        .success();
    let coloured = stdout(&coloured);
    assert!(coloured.contains("\x1b[1mbold"), "{coloured:?}");
    assert!(
        !coloured.contains('\r') && !coloured.contains("**"),
        "{coloured:?}"
    );
    // Without colour: still rendered (no markup), and no escape sequence at all.
    let plain = Cmd::at(&server)
        .args(["--render", "always", "--color", "never", "hi"])
        .run()
        .success();
    let plain = stdout(&plain);
    assert!(
        !plain.contains('\x1b') && !plain.contains("**"),
        "{plain:?}"
    );
    assert!(
        plain.contains("Some bold text and `code`.\n\n• one"),
        "{plain:?}"
    );
}

#[test]
fn data_is_never_rendered() {
    let json = r#"{"a": "**b**"}"#;
    let server = Server::start(vec![answer(json), answer(ANSWER), answer(ANSWER)]);
    let run = |args: &[&str]| {
        let mut all = vec!["--render", "always", "hi"];
        all.extend(args);
        stdout(&Cmd::at(&server).args(&all).run().success())
    };
    assert_eq!(run(&["--json"]), format!("{json}\n"));
    assert_eq!(run(&["-x"]), "fn main() {}\n");
    let raw = run(&["--raw"]);
    assert!(raw.starts_with('{') && raw.contains("**bold**"), "{raw}");
}

#[test]
fn the_config_file_turns_rendering_on_and_config_shows_it() {
    let server = Server::start(vec![answer(ANSWER)]);
    let cmd = Cmd::with_config("render = \"always\"\ncolor = \"never\"\n");
    let rendered = stdout(
        &cmd.env("OPENAI_BASE_URL", &server.base_url())
            .args(["hi"])
            .run(),
    );
    assert!(rendered.contains("Some bold text"), "{rendered:?}");
    let shown = stdout(
        &Cmd::with_config("render = \"never\"\n")
            .args(["config"])
            .run(),
    );
    let row = shown
        .lines()
        .find(|l| l.starts_with("render"))
        .expect("a render row");
    assert!(row.contains("never") && row.contains("file"), "{row}");
}

/// Runs oaichat on a pseudo-terminal, presses Ctrl-C once `seen` is on the screen, and
/// returns the screen and the exit code.
fn interrupted_on_a_terminal(server: &Server, args: &[&str], seen: &str) -> (String, i32) {
    let bin = assert_cmd::cargo::cargo_bin!("oaichat");
    let line = std::iter::once(bin.display().to_string())
        .chain(args.iter().map(|a| a.to_string()))
        .map(|a| format!("'{a}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let mut child = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap())
        .env("OPENAI_API_KEY", KEY)
        .env("OPENAI_BASE_URL", server.base_url())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut screen = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n @ 1..) = screen.read(&mut buf) {
            if tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut shown = Vec::new();
    while !String::from_utf8_lossy(&shown).contains(seen) {
        let more = rx.recv_timeout(Duration::from_secs(20));
        shown.extend(more.expect("the screen shows the text before Ctrl-C"));
    }
    let mut keys = child.stdin.take().unwrap();
    keys.write_all(b"\x03").unwrap();
    keys.flush().unwrap();
    let status = child.wait().unwrap();
    drop(keys);
    shown.extend(rx.iter().flatten());
    let screen = String::from_utf8_lossy(&shown).replace("\r\n", "\n");
    (screen, status.code().unwrap_or(-1))
}

#[test]
fn ctrl_c_mid_render_leaves_no_colour_behind() {
    let (gate, wait) = Gate::new();
    let server = Server::start(vec![Reply::stream(vec![
        Step::Write(delta("Some **bold**\n```rust\nlet s = \"an open").into_bytes()),
        wait,
    ])]);
    let args = ["--stream", "--no-stdin", "hi"];
    let (screen, code) = interrupted_on_a_terminal(&server, &args, "an open");
    gate.open();
    assert_eq!(code, 130, "{screen:?}");
    // What came is kept (the unfinished line as it was shown), then the colours are reset
    // and the line ended, whatever was being drawn when the key came.
    // (The terminal echoes the key as ^C.)
    let kept = screen.find("an open").expect("the unfinished line is kept");
    assert!(
        screen[kept..].contains("\x1b[0m\noaichat: interrupted"),
        "{screen:?}"
    );
    let last = screen.rfind('\x1b').expect("rendered");
    assert!(screen[last..].starts_with("\x1b[0m"), "{screen:?}");
}

#[test]
fn the_chat_renders_its_answers_and_its_history_as_asked() {
    let server = Server::start(vec![answer("Some **bold** words.")]);
    let args = ["-i", "--render", "always", "--color", "never"];
    let chat = Cmd::at(&server).args(args).stdin("q\n/history\n").run();
    let shown = stdout(&chat.success());
    // The answer, then /history's "user:", "q", "assistant:" and the answer again, all
    // rendered (no markup left) and plain (no colour asked for).
    assert_eq!(
        shown,
        "Some bold words.\nuser:\nq\n\nassistant:\nSome bold words.\n\n"
    );
}

#[test]
fn a_light_background_gets_the_light_theme() {
    let server = Server::start(vec![answer(ANSWER), answer(ANSWER)]);
    let code = |colorfgbg: &str| {
        let run = Cmd::at(&server).env("COLORFGBG", colorfgbg);
        let shown = stdout(&run.args(["--render", "always", "hi"]).run().success());
        let line = shown
            .lines()
            .find(|l| l.contains("main"))
            .map(str::to_string);
        line.expect("the code line")
    };
    let (dark, light) = (code("15;0"), code("0;15"));
    assert!(
        dark.contains("\x1b[38;2;") && light.contains("\x1b[38;2;"),
        "{light:?}"
    );
    assert_ne!(dark, light);
}
