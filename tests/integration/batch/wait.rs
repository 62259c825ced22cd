//! `batch wait`'s progress (issue 15): on a terminal, a bar of the batch's requests with an
//! ETA, and a line above it when the status changes; in a pipe, a line at every change, as
//! before, without a carriage return or an escape sequence.

use super::create;
use super::server::batch_server;
use crate::support::*;

const PROMPTS: &str = "{\"prompt\":\"one\"}\n{\"prompt\":\"two\"}\n{\"prompt\":\"three\"}\n";

/// A batch of three that the server takes a request further at each of three polls.
fn counted_batch() -> (Server, String) {
    let (server, state) = batch_server();
    let id = create(&server, PROMPTS, &[]);
    state.lock().unwrap().counted_polls = 3;
    (server, id)
}

#[test]
fn a_terminal_shows_the_requests_done_with_an_eta_and_each_new_status() {
    let (server, id) = counted_batch();
    let args = ["batch", "wait", &id, "--poll", "0.05"];
    let screen = on_a_terminal_with(&server, &args, "", &[("TERM", "xterm")]);
    let frames = without_escapes(&screen);
    assert!(
        frames.contains("2/3 done (0 failed), in_progress"),
        "{screen:?}"
    );
    assert!(frames.contains(", ETA "), "{screen:?}");
    // The counts are the bar's: the lines that stay are the status changes and the result.
    assert_eq!(
        visible(&screen),
        [
            "oaichat: batch_1 in_progress: 0 of 3 done, 0 failed",
            "oaichat: batch_1 completed: 3 of 3 done, 0 failed",
            "batch_1 completed: 3 of 3 done, 0 failed",
        ],
        "{screen:?}"
    );
}

#[test]
fn a_pipe_gets_a_plain_line_at_every_change() {
    let (server, id) = counted_batch();
    let assert = Cmd::at(&server)
        .args(["batch", "wait", &id, "--poll", "0.05"])
        .run()
        .success();
    assert_eq!(
        stderr(&assert),
        "oaichat: batch_1 in_progress: 0 of 3 done, 0 failed\n\
         oaichat: batch_1 in_progress: 1 of 3 done, 0 failed\n\
         oaichat: batch_1 in_progress: 2 of 3 done, 0 failed\n\
         oaichat: batch_1 in_progress: 3 of 3 done, 0 failed\n\
         oaichat: batch_1 completed: 3 of 3 done, 0 failed\n"
    );
}
