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
