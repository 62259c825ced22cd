//! Diagnostics on stderr. Every line starts with `oaichat:`, so that it stands apart from
//! other programs' messages in a pipeline; the prefix is written here and nowhere else.

use std::fmt;
use std::io::Write;

/// One diagnostic line. A closed stderr must not stop the answer, so failures are ignored.
pub fn line(err: &mut (impl Write + ?Sized), text: fmt::Arguments<'_>) {
    // The spinner's line goes first: a message must not be drawn over by it. A progress
    // bar stays, below the line.
    crate::spinner::stop();
    crate::progress::above(|| {
        let _ = writeln!(err, "oaichat: {text}");
    });
}

/// A warning: something the user should know, which did not stop the work.
pub fn warning(err: &mut (impl Write + ?Sized), text: fmt::Arguments<'_>) {
    line(err, format_args!("warning: {text}"));
}

/// The error that ended the work (or, in the chat and line mode, one answer).
pub fn error(err: &mut (impl Write + ?Sized), error: &dyn fmt::Display) {
    line(err, format_args!("error: {error}"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_carries_the_prefix_and_its_kind() {
        let mut err = Vec::new();
        line(&mut err, format_args!("GET {}", "/models"));
        warning(&mut err, format_args!("cut off"));
        error(&mut err, &"HTTP 500");
        assert_eq!(
            String::from_utf8(err).unwrap(),
            "oaichat: GET /models\noaichat: warning: cut off\noaichat: error: HTTP 500\n"
        );
    }
}
