//! What a one-shot run does when the answer is tool calls (issue 14): runs the tools that
//! have a command (with the user's consent) and asks again, round after round, until the
//! model answers with text; or, when it cannot run them all, hands the calls to the
//! script as JSON lines (exit 10), kept in the conversation for `--tool-result`.

use std::cell::RefCell;
use std::io::{BufRead, BufReader, Write};

use crate::api::message::Message;
use crate::commands::chat::{self, Answer};
use crate::config::{Config, Facts};
use crate::conversation::Transcript;
use crate::error::{Error, Problem, ToolProblem};
use crate::history::Conversation;
use crate::mcp::Servers;
use crate::tools::{Call, Tool, run};

/// What the rounds need besides the transcript: the settings, where the conversation is
/// kept, and whether a person can be asked.
pub struct Context<'a> {
    pub config: &'a Config,
    pub conversation: &'a Conversation,
    pub saving: bool,
    pub facts: Facts,
    /// Calls oaichat cannot run go to stdout as data (one-shot); the chat, where no
    /// script reads them, names them and keeps nothing of the answer instead.
    pub calls_as_data: bool,
    /// The MCP servers started for this run, whose tools oaichat calls.
    pub mcp: Option<&'a RefCell<Servers>>,
}

/// The run's MCP servers, started, and the settings whose tools include theirs.
#[derive(Default)]
pub struct Started {
    servers: Option<RefCell<Servers>>,
    config: Option<Config>,
}

impl Started {
    /// The settings to run with: `base`, with the servers' tools when there are servers.
    pub fn config<'a>(&'a self, base: &'a Config) -> &'a Config {
        self.config.as_ref().unwrap_or(base)
    }

    pub fn servers(&self) -> Option<&RefCell<Servers>> {
        self.servers.as_ref()
    }
}

/// Starts the run's MCP servers (none without `--mcp` or `[mcp.NAME]`). A server that
/// fails to start ends the run before anything is sent; a tool name that `--tools` and a
/// server share is refused.
pub fn start_mcp(config: &Config) -> Result<Started, Error> {
    if config.mcp.is_empty() {
        return Ok(Started::default());
    }
    let servers = Servers::start(&config.mcp, config.mcp_start).map_err(Error::Mcp)?;
    let mut config = config.clone();
    let defs = &mut config.request.tools.defs;
    for tool in servers.tools() {
        if defs.iter().any(|d| d.name == tool.exposed) {
            let server = tool.server.clone();
            let name = tool.exposed.clone();
            return Err(Problem::from(ToolProblem::McpTwice { name, server }).into());
        }
        defs.push(Tool {
            name: tool.exposed.clone(),
            description: tool.description.clone(),
            parameters: Some(tool.input_schema.clone()),
            strict: None,
            command: None,
        });
    }
    Ok(Started {
        servers: Some(RefCell::new(servers)),
        config: Some(config),
    })
}

impl Context<'_> {
    /// Takes the first answer (after `prompt`) to a text answer, running rounds of calls;
    /// returns it with the prompt it still has to be recorded after (none once a round has
    /// recorded it).
    pub fn settle(
        &self,
        (client, show): (&mut chat::Client, chat::Show),
        transcript: &mut Transcript,
        (mut prompt, mut answer): (Option<String>, Answer),
        out: &mut impl Write,
        err: &mut impl Write,
    ) -> Result<(Answer, Option<String>), Error> {
        let mut consent = Consent::new(self.config.request.tools.run.yes, self.facts);
        let mut rounds = 0;
        while let Some(calls) = answer.calls.take() {
            let limit = self.config.request.tools.run.max_rounds;
            let runnable = self.runnable(&calls, &consent);
            if !runnable || rounds == limit {
                if runnable {
                    let note =
                        format!("stopped after {limit} rounds of tool calls (--max-tool-rounds)");
                    crate::log::line(err, format_args!("{note}"));
                } else if self.has_runners(&calls) && !consent.possible() && !self.config.raw {
                    let note = "no terminal to ask on before running the tools: --yes runs them";
                    crate::log::line(err, format_args!("{note}"));
                }
                if !self.calls_as_data {
                    return Err(Error::ToolCalls(names(&calls)));
                }
                let asked = (calls, answer.text);
                return Err(self.as_data(asked, transcript, prompt.as_deref(), out, err));
            }
            let text = answer.text.take().unwrap_or_default();
            self.record(
                transcript,
                prompt.take().as_deref(),
                Message::calls(text, calls.clone()),
                err,
            )?;
            let results = self.run_round(&calls, &mut consent, err)?;
            transcript.add_turns(results);
            answer = chat::exchange(self.config, client, transcript, None, show, out, err)?;
            rounds += 1;
        }
        Ok((answer, prompt))
    }

    /// Whether oaichat can answer every call itself: each tool has a command, and the
    /// user said yes (`--yes`) or can be asked.
    fn runnable(&self, calls: &[Call], consent: &Consent) -> bool {
        // --raw prints the API's JSON and nothing else: the calls are in it.
        !self.config.raw && consent.possible() && self.has_runners(calls)
    }

    /// Whether every call has a command or an MCP server to run it.
    fn has_runners(&self, calls: &[Call]) -> bool {
        !calls.is_empty()
            && calls.iter().all(|call| {
                let name = &call.function.name;
                self.command(name).is_some() || self.offered_by_mcp(name)
            })
    }

    fn offered_by_mcp(&self, name: &str) -> bool {
        self.mcp
            .is_some_and(|servers| servers.borrow().tools().iter().any(|t| t.exposed == name))
    }

    fn command(&self, name: &str) -> Option<&[String]> {
        let defs = &self.config.request.tools.defs;
        let tool = defs.iter().find(|t| t.name == name)?;
        tool.command.as_deref()
    }

    /// Runs each call in order (the results keep the calls' order), saying on stderr what
    /// runs; a refused call is answered as refused.
    fn run_round(
        &self,
        calls: &[Call],
        consent: &mut Consent,
        err: &mut impl Write,
    ) -> Result<Vec<Message>, Error> {
        let mut results = Vec::with_capacity(calls.len());
        for call in calls {
            let (name, arguments) = (&call.function.name, &call.function.arguments);
            let shown = format!("{name} {}", one_line(arguments));
            let result = match consent.ask(name, &shown, err) {
                false => {
                    crate::log::line(err, format_args!("✗ {shown} (refused)"));
                    "The user refused to run this call.".to_string()
                }
                true => {
                    crate::log::line(err, format_args!("→ {shown}"));
                    let ran = self.run_one(call);
                    if self.config.verbose || !ran.ok {
                        let how = if ran.ok { "ok" } else { "failed" };
                        let size = ran.result.len();
                        let time = ran.elapsed.as_secs_f64();
                        crate::log::line(
                            err,
                            format_args!("  {name}: {how}, {size} bytes in {time:.2}s"),
                        );
                    }
                    ran.result
                }
            };
            results.push(Message::tool_result(call.id.clone(), result));
        }
        Ok(results)
    }

    /// Runs one call: its command, or its MCP server's tool.
    fn run_one(&self, call: &Call) -> run::Ran {
        let (name, arguments) = (&call.function.name, &call.function.arguments);
        let wait = self.config.request.tools.run.wait;
        if let Some(argv) = self.command(name) {
            return run::command(argv, arguments, wait);
        }
        let started = std::time::Instant::now();
        // Checked by `runnable` before the round began.
        let servers = self
            .mcp
            .expect("a call without a command is an MCP server's");
        let (result, ok) = match serde_json::from_str::<serde_json::Value>(arguments) {
            Err(e) => (
                format!("the arguments are not valid JSON ({e}): the tool was not called"),
                false,
            ),
            Ok(arguments) => match servers.borrow_mut().call(name, arguments, wait) {
                Ok(called) if called.is_error => (called.text, false),
                Ok(called) => (called.text, true),
                // The model reads why and can go on; the server's name and stderr are in it.
                Err(e) => (format!("the tool failed: {e}"), false),
            },
        };
        run::Ran {
            result,
            ok,
            elapsed: started.elapsed(),
        }
    }

    /// Records an answer after `prompt` and saves the conversation.
    fn record(
        &self,
        transcript: &mut Transcript,
        prompt: Option<&str>,
        answer: Message,
        err: &mut impl Write,
    ) -> Result<(), Error> {
        let new = transcript.record_answer(prompt, answer);
        if self.saving {
            let verbose = self.config.verbose;
            self.conversation
                .save(transcript.saved(), &new, verbose, err)?;
        }
        Ok(())
    }

    /// "Tool calls as data": one JSON line per call on stdout for the script that runs
    /// them, the calls kept in the conversation so that `--tool-result` can answer them;
    /// the error is exit 10's signal.
    fn as_data(
        &self,
        (calls, text): (Vec<Call>, Option<String>),
        transcript: &mut Transcript,
        prompt: Option<&str>,
        out: &mut impl Write,
        err: &mut impl Write,
    ) -> Error {
        // --raw has printed the API's JSON, calls included.
        if let Err(e) = (!self.config.raw)
            .then(|| print_calls(&calls, out, err))
            .transpose()
        {
            return e;
        }
        let names = names(&calls);
        let hint = match (self.saving, self.conversation.continues.is_some()) {
            (true, true) => "answer them with --tool-result ID=VALUE and the same --history or -c",
            (true, false) => "answer them with -c --tool-result ID=VALUE",
            (false, _) => {
                "to answer them with --tool-result, keep the conversation: --history FILE"
            }
        };
        if !calls.is_empty() {
            let asked = Message::calls(text.unwrap_or_default(), calls);
            if let Err(e) = self.record(transcript, prompt, asked, err) {
                return e;
            }
        }
        Error::CallsPrinted { names, hint }
    }
}

/// The tools called, each named once.
fn names(calls: &[Call]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for call in calls {
        if !names.contains(&call.function.name) {
            names.push(call.function.name.clone());
        }
    }
    names
}

/// The calls as JSON lines, written at once; a call whose arguments are not JSON is
/// named on stderr.
fn print_calls(calls: &[Call], out: &mut impl Write, err: &mut impl Write) -> Result<(), Error> {
    let mut lines = Vec::new();
    for call in calls {
        let line = call.line();
        if line.arguments_raw.is_some() {
            crate::log::warning(
                err,
                format_args!(
                    "the arguments of {} ({}) are not valid JSON: they are in \"arguments_raw\"",
                    call.function.name, call.id
                ),
            );
        }
        // Serialising strings and parsed JSON cannot fail.
        serde_json::to_writer(&mut lines, &line).expect("a call line serialises");
        lines.push(b'\n');
    }
    out.write_all(&lines)
        .and_then(|()| out.flush())
        .map_err(Error::Write)
}

/// Arguments on one line for stderr, shortened when long.
fn one_line(arguments: &str) -> String {
    let flat: String = arguments.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(200) {
        Some((at, _)) => format!("{}…", &flat[..at]),
        None => flat,
    }
}

/// Whether a call may run: `--yes`, or the person at the terminal says so (`a`lways
/// for a tool stops the asking for it).
struct Consent {
    yes: bool,
    terminal: bool,
    always: Vec<String>,
}

impl Consent {
    fn new(yes: bool, facts: Facts) -> Consent {
        // Asked on the terminal itself: stdin may be the prompt's pipe.
        let terminal = facts.stderr_is_terminal && std::fs::File::open("/dev/tty").is_ok();
        Consent {
            yes,
            terminal,
            always: Vec::new(),
        }
    }

    fn possible(&self) -> bool {
        self.yes || self.terminal
    }

    fn ask(&mut self, name: &str, shown: &str, err: &mut impl Write) -> bool {
        if self.yes || self.always.iter().any(|n| n == name) {
            return true;
        }
        let answer = ask_tty(&format!(
            "oaichat: run {shown}? [y]es [n]o [a]lways for {name}: "
        ));
        let _ = err.flush();
        match answer.as_deref().map(str::trim) {
            Some("y" | "Y" | "yes") => true,
            Some("a" | "A" | "always") => {
                self.always.push(name.to_string());
                true
            }
            _ => false,
        }
    }
}

/// Asks on the terminal and reads the answer; None when it cannot.
fn ask_tty(question: &str) -> Option<String> {
    let mut tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .ok()?;
    tty.write_all(question.as_bytes()).ok()?;
    let mut line = String::new();
    BufReader::new(tty).read_line(&mut line).ok()?;
    Some(line)
}
