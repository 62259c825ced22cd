//! The tool flags (issue 14), kept apart from the other flags: one concern, and the main
//! definition stays readable.

use clap::Args;

#[derive(Args, Debug, Clone, Default, PartialEq)]
pub struct ToolArgs {
    /// Tools the model may call: a JSON file or inline JSON, in OpenAI's tools format (a
    /// list, one {"type":"function","function":{…}}, or a bare {"name","parameters"}).
    /// When the answer is tool calls, stdout gets one JSON line per call and the exit
    /// code is 10.
    #[arg(help_heading = "Tools", long = "tools", value_name = "FILE|JSON")]
    pub tools: Vec<String>,

    /// How the model may use the tools: auto, none, required, or a tool's NAME (which it
    /// must call).
    #[arg(help_heading = "Tools", long, value_name = "auto|none|required|NAME")]
    pub tool_choice: Option<String>,

    /// Ask for at most one tool call per answer (parallel_tool_calls: false).
    #[arg(help_heading = "Tools", long)]
    pub no_parallel_tool_calls: bool,

    /// Run the tool NAME (defined with --tools) with COMMAND: its words as a shell would
    /// split them, run without a shell; the call's arguments come as JSON on stdin and in
    /// $OAICHAT_TOOL_ARGS, and its stdout is the result.
    #[arg(help_heading = "Tools", long, value_name = "NAME=COMMAND")]
    pub tool_cmd: Vec<String>,

    /// The longest a tool's command may run before it is stopped (its result then says
    /// so).
    #[arg(help_heading = "Tools", long, value_name = "SECONDS", default_value_t = 60.0, value_parser = super::values::seconds, allow_negative_numbers = true)]
    pub tool_timeout: f64,

    /// How many rounds of tool calls oaichat runs before it stops and prints the pending
    /// calls (exit 10).
    #[arg(help_heading = "Tools", long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_tool_rounds: u32,

    /// Run tools without asking first (on a terminal oaichat asks before each call;
    /// without one, and without --yes, it runs none and prints the calls instead).
    #[arg(help_heading = "Tools", short = 'y', long)]
    pub yes: bool,

    /// Answer the calls the conversation's last answer asked for (with --history or -c),
    /// one per call: VALUE is the result's text (JSON or not), @FILE or @- for stdin. The
    /// model's next answer follows.
    #[arg(
        help_heading = "Tools",
        long,
        value_name = "ID=VALUE",
        conflicts_with_all = ["prompt", "files", "images", "interactive", "each", "jsonl", "user_turns", "assistant_turns"]
    )]
    pub tool_result: Vec<String>,
}
