//! Where an input is, and why its bytes are not text: the words messages use to name the
//! input a problem is in.

use std::path::PathBuf;

/// Where an input is, as messages name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Stdin,
    /// A prompt or system file: "file a.txt".
    File(PathBuf),
    /// A line of line mode's input: "input line 3".
    InputLine(usize),
    /// A line of the same input, named where it is already clear: "line 3".
    Line(usize),
    /// A line of an `-f` file of line mode: "a.jsonl line 3".
    FileLine(PathBuf, usize),
    SchemaFile(PathBuf),
    /// `--schema '{…}'`.
    SchemaArgument,
    /// `schema = '{…}'` in a config or role file (the error names the file).
    SchemaKey,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Stdin => f.write_str("stdin"),
            Place::File(path) => write!(f, "file {}", path.display()),
            Place::InputLine(line) => write!(f, "input line {line}"),
            Place::Line(line) => write!(f, "line {line}"),
            Place::FileLine(path, line) => write!(f, "{} line {line}", path.display()),
            Place::SchemaFile(path) => write!(f, "schema file {}", path.display()),
            Place::SchemaArgument => f.write_str("the --schema JSON"),
            Place::SchemaKey => f.write_str("the schema key's JSON"),
        }
    }
}

/// Why bytes are not text oaichat can send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotText {
    /// A UTF-16 byte order mark: a file saved as "Unicode" by some editors.
    Utf16,
    /// A NUL byte at this offset: binary.
    Nul(usize),
    /// Not UTF-8 from this offset.
    Utf8(usize),
}

impl NotText {
    /// One message for the input at `what`.
    pub fn describe(self, what: &Place) -> String {
        match self {
            NotText::Utf16 => format!(
                "{what} is UTF-16 text: convert it to UTF-8, e.g. with iconv -f UTF-16 -t UTF-8"
            ),
            NotText::Nul(offset) => format!(
                "{what} looks binary (a NUL byte at offset {offset}): give text, or convert it \
                 first"
            ),
            NotText::Utf8(offset) => format!(
                "{what} is not valid UTF-8 (invalid byte at offset {offset}): convert it, e.g. \
                 with iconv -f CP949 -t UTF-8"
            ),
        }
    }
}
