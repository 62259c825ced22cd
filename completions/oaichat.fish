# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_oaichat_global_optspecs
    string join \n user= assistant= f/file= image= image-detail= no-stdin m/model= s/system= system-file= t/temperature= top-p= max-tokens= max-completion-tokens= reasoning-effort= o/option= stop= seed= frequency-penalty= presence-penalty= json schema= n= history= c/continue history-limit= i/interactive each jsonl P/parallel= resume= usage dry-run stream O/output= raw x/extract extract-last cache no-cache cache-ttl= tools= tool-choice= no-parallel-tool-calls tool-cmd= tool-timeout= max-tool-rounds= y/yes tool-result= hide-reasoning color= render= api= timeout= connect-timeout= idle-timeout= max-retries= base-url= ca-cert= allow-insecure-http H/header= mcp= env-file= config= p/profile= no-config r/role= v/verbose V/version h/help
end

function __fish_oaichat_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_oaichat_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_oaichat_using_subcommand
    set -l cmd (__fish_oaichat_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c oaichat -n "__fish_oaichat_needs_command" -l user -d 'An earlier user turn, before the prompt (repeatable; kept in order with --assistant)' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l assistant -d 'An earlier answer of the model, before the prompt (repeatable; kept in order with --user). Example: oaichat --user "What is Rust?" --assistant "A language." "Shorter?"' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -s f -l file -d 'Add a file\'s text to the prompt, like stdin (repeatable). With -f, stdin is read only when `-` is given' -r -F
complete -c oaichat -n "__fish_oaichat_needs_command" -l image -d 'Attach an image: a PNG, JPEG, WebP or GIF file (sent as a data URL), or an http(s) URL (repeatable)' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l image-detail -d 'How closely the model looks at images' -r -f -a "low\t''
high\t''
auto\t''"
complete -c oaichat -n "__fish_oaichat_needs_command" -s m -l model -d 'Model ID [default: $OPENAI_MODEL, else gpt-4o-mini]' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -s s -l system -d 'System message: how the model should behave' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l system-file -d 'Read the system message from a file' -r -F
complete -c oaichat -n "__fish_oaichat_needs_command" -s t -l temperature -d 'Sampling temperature, 0 to 2: lower is more focused, higher more random' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l top-p -d 'Nucleus sampling, 0 to 1: only the tokens in the top P probability mass' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l max-tokens -d 'Upper bound on the tokens in the answer (sent as `max_tokens`, or as `max_completion_tokens` for reasoning models, which reject `max_tokens`)' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l max-completion-tokens -d 'Upper bound on answer plus reasoning tokens, sent as `max_completion_tokens`' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l reasoning-effort -d 'How hard a reasoning model thinks: minimal (gpt-5 family), low, medium or high' -r -f -a "minimal\t''
low\t''
medium\t''
high\t''"
complete -c oaichat -n "__fish_oaichat_needs_command" -s o -l option -d 'Set any request field: VALUE is JSON when it parses as JSON, else a string; a dotted KEY sets a nested field (repeatable). E.g. -o top_k=40 -o service_tier=flex -o logit_bias=\'{"1234":-100}\' -o stream_options.include_obfuscation=false' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l stop -d 'Stop generating at this text (repeatable, at most 4)' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l seed -d 'Ask for deterministic sampling with this seed (best effort)' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l frequency-penalty -d 'Penalise tokens by how often they appeared, -2 to 2' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l presence-penalty -d 'Penalise tokens that appeared at all, -2 to 2' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l schema -d 'Structured output: the answer follows this JSON Schema (a file, or inline JSON starting with `{`), sent as response_format json_schema with strict: true' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -s n -d 'Number of answers to generate (printed separated by a line `---`)' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l history -d 'Keep the conversation in this JSON Lines file: its messages are sent before the prompt, and the new question and answer are appended after a successful answer' -r -F
complete -c oaichat -n "__fish_oaichat_needs_command" -l history-limit -d 'Drop the oldest turns (never the system message or the new prompt) until the conversation fits in this many tokens' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -s P -l parallel -d 'Requests at once in line mode' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l resume -d 'Line mode: skip inputs whose id has a successful record in FILE, append the rest to it (JSON records), so an interrupted run continues where it stopped' -r -F
complete -c oaichat -n "__fish_oaichat_needs_command" -s O -l output -d 'Write the answer to FILE instead of stdout: whole or not at all (a temporary file renamed when the run succeeds; a failed run keeps what came as FILE.partial)' -r -F
complete -c oaichat -n "__fish_oaichat_needs_command" -l cache-ttl -d 'With --cache: reuse only answers younger than this (90s, 10m, 2h, 7d); an older one is asked again and replaced [default: no limit]' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l tools -d 'Tools the model may call: a JSON file or inline JSON, in OpenAI\'s tools format (a list, one {"type":"function","function":{…}}, or a bare {"name","parameters"}). When the answer is tool calls, stdout gets one JSON line per call and the exit code is 10' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l tool-choice -d 'How the model may use the tools: auto, none, required, or a tool\'s NAME (which it must call)' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l tool-cmd -d 'Run the tool NAME (defined with --tools) with COMMAND: its words as a shell would split them, run without a shell; the call\'s arguments come as JSON on stdin and in $OAICHAT_TOOL_ARGS, and its stdout is the result' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l tool-timeout -d 'The longest a tool\'s command may run before it is stopped (its result then says so)' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l max-tool-rounds -d 'How many rounds of tool calls oaichat runs before it stops and prints the pending calls (exit 10)' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l tool-result -d 'Answer the calls the conversation\'s last answer asked for (with --history or -c), one per call: VALUE is the result\'s text (JSON or not), @FILE or @- for stdin. The model\'s next answer follows' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l color -d 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given' -r -f -a "auto\t'Colour on a terminal only'
always\t''
never\t''"
complete -c oaichat -n "__fish_oaichat_needs_command" -l render -d 'Render the answer as markdown: auto (when stdout is a terminal), always (also into a pipe, for `less -R`) or never. Never with --raw, --json, --schema, -x' -r -f -a "auto\t'Rendered when stdout is a terminal'
always\t'Rendered wherever it goes (for `less -R`)'
never\t'Never: the answer\'s text as the model wrote it'"
complete -c oaichat -n "__fish_oaichat_needs_command" -l api -d 'The API to send to: chat (Chat Completions), responses (the Responses API), or auto (responses for the models served only there, such as o3-pro, and after a chat endpoint\'s 404 that says so)' -r -f -a "auto\t'The Responses API for the models served only there, else Chat Completions; and a second try at the Responses API when the chat endpoint says a model lives there'
chat\t'Always `POST /chat/completions`'
responses\t'Always `POST /responses`'"
complete -c oaichat -n "__fish_oaichat_needs_command" -l timeout -d 'Give up on a whole answer after this many seconds [default: 600]' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l connect-timeout -d 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l idle-timeout -d 'With --stream, give up when the server is silent this long [default: 120]' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l max-retries -d 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l base-url -d 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l ca-cert -d 'Trust this CA certificate (PEM) too, e.g. a corporate proxy\'s. $SSL_CERT_FILE works the same way' -r -F
complete -c oaichat -n "__fish_oaichat_needs_command" -s H -l header -d 'Send this header with every request, e.g. -H \'X-Team: search\' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l mcp -d 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file\'s [mcp.NAME] servers. Example: --mcp \'npx -y @modelcontextprotocol/server-everything\'' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l env-file -d 'Read variables from this file instead of ./.env (never overriding the environment)' -r -F
complete -c oaichat -n "__fish_oaichat_needs_command" -l config -d 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it' -r -F
complete -c oaichat -n "__fish_oaichat_needs_command" -s p -l profile -d 'Use the config file\'s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file\'s default_profile]' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -s r -l role -d 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them' -r
complete -c oaichat -n "__fish_oaichat_needs_command" -l no-stdin -d 'Never read stdin, even when it is a pipe (for CI jobs that leave stdin open)'
complete -c oaichat -n "__fish_oaichat_needs_command" -l json -d 'JSON mode: the answer is one JSON object, checked to parse'
complete -c oaichat -n "__fish_oaichat_needs_command" -s c -l continue -d 'Continue the last conversation (the last run without --history), kept in $XDG_DATA_HOME/oaichat/last.jsonl'
complete -c oaichat -n "__fish_oaichat_needs_command" -s i -l interactive -d 'Chat in a loop: a line editor, answers streamed, the conversation kept (and saved like any other). Lines that start with / are commands (/model, /retry, /save …): /help lists them. `exit`, `quit`, `bye`, `종료` or Ctrl-D end it'
complete -c oaichat -n "__fish_oaichat_needs_command" -l each -d 'Line mode: every line of stdin (or -f FILE) is one input for the prompt arguments; one answer per line, in input order, newlines escaped as \\n'
complete -c oaichat -n "__fish_oaichat_needs_command" -l jsonl -d 'Line mode: every line is {"prompt": …} (with optional "id", "role", "system", "model" and request fields) or a whole request body; one JSON record per input, in input order'
complete -c oaichat -n "__fish_oaichat_needs_command" -l usage -d 'After the answer, print token usage and the estimated cost on stderr'
complete -c oaichat -n "__fish_oaichat_needs_command" -l dry-run -d 'Print the request JSON that would be sent, and its token count on stderr; send nothing (no key needed)'
complete -c oaichat -n "__fish_oaichat_needs_command" -l stream -d 'Print the answer as it is generated'
complete -c oaichat -n "__fish_oaichat_needs_command" -l raw -d 'Print the API\'s JSON instead of the text (one object per line with --stream)'
complete -c oaichat -n "__fish_oaichat_needs_command" -s x -l extract -d 'Print only the answer\'s first fenced code block, without its fences (with --stream, as soon as it closes; with -n, each answer\'s; with --jsonl, in an "extracted" field). No closed block: nothing printed, exit 8'
complete -c oaichat -n "__fish_oaichat_needs_command" -l extract-last -d 'Print only the answer\'s last fenced code block, without its fences'
complete -c oaichat -n "__fish_oaichat_needs_command" -l cache -d 'Answer a request seen before (same body, URL and headers) from the cache ($XDG_CACHE_HOME/oaichat, else ~/.cache/oaichat) without a network call; store new successful answers there'
complete -c oaichat -n "__fish_oaichat_needs_command" -l no-cache -d 'Neither read nor write the cache, whatever the config file or profile says'
complete -c oaichat -n "__fish_oaichat_needs_command" -l no-parallel-tool-calls -d 'Ask for at most one tool call per answer (parallel_tool_calls: false)'
complete -c oaichat -n "__fish_oaichat_needs_command" -s y -l yes -d 'Run tools without asking first (on a terminal oaichat asks before each call; without one, and without --yes, it runs none and prints the calls instead)'
complete -c oaichat -n "__fish_oaichat_needs_command" -l hide-reasoning -d 'Do not show the model\'s reasoning, which reasoning servers (vLLM, llama.cpp, Ollama, DeepSeek) send, on stderr'
complete -c oaichat -n "__fish_oaichat_needs_command" -l allow-insecure-http -d 'Allow sending the key over plain http:// to a host that is not this machine'
complete -c oaichat -n "__fish_oaichat_needs_command" -l no-config -d 'Read no config file (for jobs that must not depend on a user\'s home)'
complete -c oaichat -n "__fish_oaichat_needs_command" -s v -l verbose -d 'Print the request, status, timing and token usage on stderr'
complete -c oaichat -n "__fish_oaichat_needs_command" -s V -l version -d 'Print the version (with -v, also the git commit and the built-in features)'
complete -c oaichat -n "__fish_oaichat_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oaichat -n "__fish_oaichat_needs_command" -a "models" -d 'List the models the API offers (GET /models), one id per line, sorted. Also the quickest check that a key works. With --raw, the API\'s JSON'
complete -c oaichat -n "__fish_oaichat_needs_command" -a "batch" -d 'OpenAI\'s Batch API: half the price, no local rate limits, results within 24 h'
complete -c oaichat -n "__fish_oaichat_needs_command" -a "config" -d 'Print the effective settings and where each came from (flag, env, .env, role, profile, file, default), the key redacted; or the config file\'s path (--path), or open it in $VISUAL/$EDITOR (--edit)'
complete -c oaichat -n "__fish_oaichat_needs_command" -a "roles" -d 'The roles (-r NAME): each with where it comes from and its first line; `roles show NAME` prints one'
complete -c oaichat -n "__fish_oaichat_needs_command" -a "cache" -d 'The answers --cache keeps: `cache path` prints its folder, `cache clear` empties it'
complete -c oaichat -n "__fish_oaichat_needs_command" -a "mcp" -d 'MCP servers (--mcp, and [mcp.NAME] in the config file): `mcp list` starts each and prints its tools'
complete -c oaichat -n "__fish_oaichat_needs_command" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oaichat -n "__fish_oaichat_using_subcommand models" -l color -d 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given' -r -f -a "auto\t'Colour on a terminal only'
always\t''
never\t''"
complete -c oaichat -n "__fish_oaichat_using_subcommand models" -l timeout -d 'Give up on a whole answer after this many seconds [default: 600]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand models" -l connect-timeout -d 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand models" -l max-retries -d 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand models" -l base-url -d 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand models" -l ca-cert -d 'Trust this CA certificate (PEM) too, e.g. a corporate proxy\'s. $SSL_CERT_FILE works the same way' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand models" -s H -l header -d 'Send this header with every request, e.g. -H \'X-Team: search\' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand models" -l mcp -d 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file\'s [mcp.NAME] servers. Example: --mcp \'npx -y @modelcontextprotocol/server-everything\'' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand models" -l env-file -d 'Read variables from this file instead of ./.env (never overriding the environment)' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand models" -l config -d 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand models" -s p -l profile -d 'Use the config file\'s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file\'s default_profile]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand models" -s r -l role -d 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand models" -l raw -d 'Print the API\'s JSON'
complete -c oaichat -n "__fish_oaichat_using_subcommand models" -l allow-insecure-http -d 'Allow sending the key over plain http:// to a host that is not this machine'
complete -c oaichat -n "__fish_oaichat_using_subcommand models" -l no-config -d 'Read no config file (for jobs that must not depend on a user\'s home)'
complete -c oaichat -n "__fish_oaichat_using_subcommand models" -s v -l verbose -d 'Print the request, status, timing and token usage on stderr'
complete -c oaichat -n "__fish_oaichat_using_subcommand models" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and not __fish_seen_subcommand_from create status wait results cancel list help" -l color -d 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given' -r -f -a "auto\t'Colour on a terminal only'
always\t''
never\t''"
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and not __fish_seen_subcommand_from create status wait results cancel list help" -l timeout -d 'Give up on a whole answer after this many seconds [default: 600]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and not __fish_seen_subcommand_from create status wait results cancel list help" -l connect-timeout -d 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and not __fish_seen_subcommand_from create status wait results cancel list help" -l max-retries -d 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and not __fish_seen_subcommand_from create status wait results cancel list help" -l base-url -d 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and not __fish_seen_subcommand_from create status wait results cancel list help" -l ca-cert -d 'Trust this CA certificate (PEM) too, e.g. a corporate proxy\'s. $SSL_CERT_FILE works the same way' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and not __fish_seen_subcommand_from create status wait results cancel list help" -s H -l header -d 'Send this header with every request, e.g. -H \'X-Team: search\' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and not __fish_seen_subcommand_from create status wait results cancel list help" -l mcp -d 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file\'s [mcp.NAME] servers. Example: --mcp \'npx -y @modelcontextprotocol/server-everything\'' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and not __fish_seen_subcommand_from create status wait results cancel list help" -l env-file -d 'Read variables from this file instead of ./.env (never overriding the environment)' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and not __fish_seen_subcommand_from create status wait results cancel list help" -l config -d 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and not __fish_seen_subcommand_from create status wait results cancel list help" -s p -l profile -d 'Use the config file\'s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file\'s default_profile]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and not __fish_seen_subcommand_from create status wait results cancel list help" -s r -l role -d 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and not __fish_seen_subcommand_from create status wait results cancel list help" -l allow-insecure-http -d 'Allow sending the key over plain http:// to a host that is not this machine'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and not __fish_seen_subcommand_from create status wait results cancel list help" -l no-config -d 'Read no config file (for jobs that must not depend on a user\'s home)'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and not __fish_seen_subcommand_from create status wait results cancel list help" -s v -l verbose -d 'Print the request, status, timing and token usage on stderr'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and not __fish_seen_subcommand_from create status wait results cancel list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and not __fish_seen_subcommand_from create status wait results cancel list help" -f -a "create" -d 'Upload INPUT (--jsonl lines, or text lines with --each) as a batch; prints its id'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and not __fish_seen_subcommand_from create status wait results cancel list help" -f -a "status" -d 'Print a batch\'s status and counts (--raw: the batch object)'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and not __fish_seen_subcommand_from create status wait results cancel list help" -f -a "wait" -d 'Wait until a batch finishes, with progress on stderr; non-zero unless it completed'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and not __fish_seen_subcommand_from create status wait results cancel list help" -f -a "results" -d 'Print the results in input order, like line mode (--each: text lines; else JSON records; --raw adds each response)'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and not __fish_seen_subcommand_from create status wait results cancel list help" -f -a "cancel" -d 'Cancel a batch'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and not __fish_seen_subcommand_from create status wait results cancel list help" -f -a "list" -d 'List recent batches: id, status and counts, one per line'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and not __fish_seen_subcommand_from create status wait results cancel list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -s m -l model -d 'Model ID [default: $OPENAI_MODEL, else gpt-4o-mini]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -s s -l system -d 'System message: how the model should behave' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -l system-file -d 'Read the system message from a file' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -s t -l temperature -d 'Sampling temperature, 0 to 2: lower is more focused, higher more random' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -l top-p -d 'Nucleus sampling, 0 to 1: only the tokens in the top P probability mass' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -l max-tokens -d 'Upper bound on the tokens in the answer (sent as `max_tokens`, or as `max_completion_tokens` for reasoning models, which reject `max_tokens`)' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -l max-completion-tokens -d 'Upper bound on answer plus reasoning tokens, sent as `max_completion_tokens`' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -l reasoning-effort -d 'How hard a reasoning model thinks: minimal (gpt-5 family), low, medium or high' -r -f -a "minimal\t''
low\t''
medium\t''
high\t''"
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -s o -l option -d 'Set any request field: VALUE is JSON when it parses as JSON, else a string; a dotted KEY sets a nested field (repeatable). E.g. -o top_k=40 -o service_tier=flex -o logit_bias=\'{"1234":-100}\' -o stream_options.include_obfuscation=false' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -l stop -d 'Stop generating at this text (repeatable, at most 4)' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -l seed -d 'Ask for deterministic sampling with this seed (best effort)' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -l frequency-penalty -d 'Penalise tokens by how often they appeared, -2 to 2' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -l presence-penalty -d 'Penalise tokens that appeared at all, -2 to 2' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -l schema -d 'Structured output: the answer follows this JSON Schema (a file, or inline JSON starting with `{`), sent as response_format json_schema with strict: true' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -l api -d 'The API the requests go to, as for a one-shot request: chat, responses, or auto (by each line\'s model). A batch has one endpoint' -r -f -a "auto\t'The Responses API for the models served only there, else Chat Completions; and a second try at the Responses API when the chat endpoint says a model lives there'
chat\t'Always `POST /chat/completions`'
responses\t'Always `POST /responses`'"
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -l color -d 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given' -r -f -a "auto\t'Colour on a terminal only'
always\t''
never\t''"
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -l timeout -d 'Give up on a whole answer after this many seconds [default: 600]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -l connect-timeout -d 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -l max-retries -d 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -l base-url -d 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -l ca-cert -d 'Trust this CA certificate (PEM) too, e.g. a corporate proxy\'s. $SSL_CERT_FILE works the same way' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -s H -l header -d 'Send this header with every request, e.g. -H \'X-Team: search\' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -l mcp -d 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file\'s [mcp.NAME] servers. Example: --mcp \'npx -y @modelcontextprotocol/server-everything\'' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -l env-file -d 'Read variables from this file instead of ./.env (never overriding the environment)' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -l config -d 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -s p -l profile -d 'Use the config file\'s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file\'s default_profile]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -s r -l role -d 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -l each -d 'Every line of INPUT is a prompt (else a --jsonl request object)'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -l json -d 'JSON mode: the answer is one JSON object, checked to parse'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -l allow-insecure-http -d 'Allow sending the key over plain http:// to a host that is not this machine'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -l no-config -d 'Read no config file (for jobs that must not depend on a user\'s home)'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Print the request, status, timing and token usage on stderr'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from status" -l color -d 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given' -r -f -a "auto\t'Colour on a terminal only'
always\t''
never\t''"
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from status" -l timeout -d 'Give up on a whole answer after this many seconds [default: 600]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from status" -l connect-timeout -d 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from status" -l max-retries -d 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from status" -l base-url -d 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from status" -l ca-cert -d 'Trust this CA certificate (PEM) too, e.g. a corporate proxy\'s. $SSL_CERT_FILE works the same way' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from status" -s H -l header -d 'Send this header with every request, e.g. -H \'X-Team: search\' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from status" -l mcp -d 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file\'s [mcp.NAME] servers. Example: --mcp \'npx -y @modelcontextprotocol/server-everything\'' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from status" -l env-file -d 'Read variables from this file instead of ./.env (never overriding the environment)' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from status" -l config -d 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from status" -s p -l profile -d 'Use the config file\'s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file\'s default_profile]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from status" -s r -l role -d 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from status" -l raw -d 'Print the batch object'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from status" -l allow-insecure-http -d 'Allow sending the key over plain http:// to a host that is not this machine'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from status" -l no-config -d 'Read no config file (for jobs that must not depend on a user\'s home)'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Print the request, status, timing and token usage on stderr'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from wait" -l poll -d 'Seconds between the first polls (then backing off to a minute)' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from wait" -l color -d 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given' -r -f -a "auto\t'Colour on a terminal only'
always\t''
never\t''"
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from wait" -l timeout -d 'Give up on a whole answer after this many seconds [default: 600]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from wait" -l connect-timeout -d 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from wait" -l max-retries -d 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from wait" -l base-url -d 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from wait" -l ca-cert -d 'Trust this CA certificate (PEM) too, e.g. a corporate proxy\'s. $SSL_CERT_FILE works the same way' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from wait" -s H -l header -d 'Send this header with every request, e.g. -H \'X-Team: search\' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from wait" -l mcp -d 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file\'s [mcp.NAME] servers. Example: --mcp \'npx -y @modelcontextprotocol/server-everything\'' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from wait" -l env-file -d 'Read variables from this file instead of ./.env (never overriding the environment)' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from wait" -l config -d 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from wait" -s p -l profile -d 'Use the config file\'s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file\'s default_profile]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from wait" -s r -l role -d 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from wait" -l allow-insecure-http -d 'Allow sending the key over plain http:// to a host that is not this machine'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from wait" -l no-config -d 'Read no config file (for jobs that must not depend on a user\'s home)'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from wait" -s v -l verbose -d 'Print the request, status, timing and token usage on stderr'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from results" -l color -d 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given' -r -f -a "auto\t'Colour on a terminal only'
always\t''
never\t''"
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from results" -l timeout -d 'Give up on a whole answer after this many seconds [default: 600]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from results" -l connect-timeout -d 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from results" -l max-retries -d 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from results" -l base-url -d 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from results" -l ca-cert -d 'Trust this CA certificate (PEM) too, e.g. a corporate proxy\'s. $SSL_CERT_FILE works the same way' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from results" -s H -l header -d 'Send this header with every request, e.g. -H \'X-Team: search\' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from results" -l mcp -d 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file\'s [mcp.NAME] servers. Example: --mcp \'npx -y @modelcontextprotocol/server-everything\'' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from results" -l env-file -d 'Read variables from this file instead of ./.env (never overriding the environment)' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from results" -l config -d 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from results" -s p -l profile -d 'Use the config file\'s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file\'s default_profile]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from results" -s r -l role -d 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from results" -l each -d 'Print text lines as --each does (else JSON records)'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from results" -l raw -d 'Add each response to its record'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from results" -l allow-insecure-http -d 'Allow sending the key over plain http:// to a host that is not this machine'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from results" -l no-config -d 'Read no config file (for jobs that must not depend on a user\'s home)'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from results" -s v -l verbose -d 'Print the request, status, timing and token usage on stderr'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from results" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from cancel" -l color -d 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given' -r -f -a "auto\t'Colour on a terminal only'
always\t''
never\t''"
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from cancel" -l timeout -d 'Give up on a whole answer after this many seconds [default: 600]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from cancel" -l connect-timeout -d 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from cancel" -l max-retries -d 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from cancel" -l base-url -d 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from cancel" -l ca-cert -d 'Trust this CA certificate (PEM) too, e.g. a corporate proxy\'s. $SSL_CERT_FILE works the same way' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from cancel" -s H -l header -d 'Send this header with every request, e.g. -H \'X-Team: search\' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from cancel" -l mcp -d 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file\'s [mcp.NAME] servers. Example: --mcp \'npx -y @modelcontextprotocol/server-everything\'' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from cancel" -l env-file -d 'Read variables from this file instead of ./.env (never overriding the environment)' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from cancel" -l config -d 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from cancel" -s p -l profile -d 'Use the config file\'s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file\'s default_profile]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from cancel" -s r -l role -d 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from cancel" -l raw -d 'Print the batch object'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from cancel" -l allow-insecure-http -d 'Allow sending the key over plain http:// to a host that is not this machine'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from cancel" -l no-config -d 'Read no config file (for jobs that must not depend on a user\'s home)'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from cancel" -s v -l verbose -d 'Print the request, status, timing and token usage on stderr'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from list" -l color -d 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given' -r -f -a "auto\t'Colour on a terminal only'
always\t''
never\t''"
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from list" -l timeout -d 'Give up on a whole answer after this many seconds [default: 600]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from list" -l connect-timeout -d 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from list" -l max-retries -d 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from list" -l base-url -d 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from list" -l ca-cert -d 'Trust this CA certificate (PEM) too, e.g. a corporate proxy\'s. $SSL_CERT_FILE works the same way' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from list" -s H -l header -d 'Send this header with every request, e.g. -H \'X-Team: search\' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from list" -l mcp -d 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file\'s [mcp.NAME] servers. Example: --mcp \'npx -y @modelcontextprotocol/server-everything\'' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from list" -l env-file -d 'Read variables from this file instead of ./.env (never overriding the environment)' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from list" -l config -d 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from list" -s p -l profile -d 'Use the config file\'s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file\'s default_profile]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from list" -s r -l role -d 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from list" -l raw -d 'Print the API\'s JSON'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from list" -l allow-insecure-http -d 'Allow sending the key over plain http:// to a host that is not this machine'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from list" -l no-config -d 'Read no config file (for jobs that must not depend on a user\'s home)'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print the request, status, timing and token usage on stderr'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "create" -d 'Upload INPUT (--jsonl lines, or text lines with --each) as a batch; prints its id'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "status" -d 'Print a batch\'s status and counts (--raw: the batch object)'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "wait" -d 'Wait until a batch finishes, with progress on stderr; non-zero unless it completed'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "results" -d 'Print the results in input order, like line mode (--each: text lines; else JSON records; --raw adds each response)'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'Cancel a batch'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "list" -d 'List recent batches: id, status and counts, one per line'
complete -c oaichat -n "__fish_oaichat_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oaichat -n "__fish_oaichat_using_subcommand config" -l color -d 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given' -r -f -a "auto\t'Colour on a terminal only'
always\t''
never\t''"
complete -c oaichat -n "__fish_oaichat_using_subcommand config" -l timeout -d 'Give up on a whole answer after this many seconds [default: 600]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand config" -l connect-timeout -d 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand config" -l max-retries -d 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand config" -l base-url -d 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand config" -l ca-cert -d 'Trust this CA certificate (PEM) too, e.g. a corporate proxy\'s. $SSL_CERT_FILE works the same way' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand config" -s H -l header -d 'Send this header with every request, e.g. -H \'X-Team: search\' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand config" -l mcp -d 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file\'s [mcp.NAME] servers. Example: --mcp \'npx -y @modelcontextprotocol/server-everything\'' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand config" -l env-file -d 'Read variables from this file instead of ./.env (never overriding the environment)' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand config" -l config -d 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand config" -s p -l profile -d 'Use the config file\'s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file\'s default_profile]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand config" -s r -l role -d 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand config" -l path -d 'Print the config file\'s path (whether or not it exists yet)'
complete -c oaichat -n "__fish_oaichat_using_subcommand config" -l edit -d 'Open the config file in $VISUAL or $EDITOR, made with a commented example when missing; it is checked when the editor closes'
complete -c oaichat -n "__fish_oaichat_using_subcommand config" -l allow-insecure-http -d 'Allow sending the key over plain http:// to a host that is not this machine'
complete -c oaichat -n "__fish_oaichat_using_subcommand config" -l no-config -d 'Read no config file (for jobs that must not depend on a user\'s home)'
complete -c oaichat -n "__fish_oaichat_using_subcommand config" -s v -l verbose -d 'Print the request, status, timing and token usage on stderr'
complete -c oaichat -n "__fish_oaichat_using_subcommand config" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and not __fish_seen_subcommand_from show help" -l color -d 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given' -r -f -a "auto\t'Colour on a terminal only'
always\t''
never\t''"
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and not __fish_seen_subcommand_from show help" -l timeout -d 'Give up on a whole answer after this many seconds [default: 600]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and not __fish_seen_subcommand_from show help" -l connect-timeout -d 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and not __fish_seen_subcommand_from show help" -l max-retries -d 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and not __fish_seen_subcommand_from show help" -l base-url -d 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and not __fish_seen_subcommand_from show help" -l ca-cert -d 'Trust this CA certificate (PEM) too, e.g. a corporate proxy\'s. $SSL_CERT_FILE works the same way' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and not __fish_seen_subcommand_from show help" -s H -l header -d 'Send this header with every request, e.g. -H \'X-Team: search\' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and not __fish_seen_subcommand_from show help" -l mcp -d 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file\'s [mcp.NAME] servers. Example: --mcp \'npx -y @modelcontextprotocol/server-everything\'' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and not __fish_seen_subcommand_from show help" -l env-file -d 'Read variables from this file instead of ./.env (never overriding the environment)' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and not __fish_seen_subcommand_from show help" -l config -d 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and not __fish_seen_subcommand_from show help" -s p -l profile -d 'Use the config file\'s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file\'s default_profile]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and not __fish_seen_subcommand_from show help" -s r -l role -d 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and not __fish_seen_subcommand_from show help" -l allow-insecure-http -d 'Allow sending the key over plain http:// to a host that is not this machine'
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and not __fish_seen_subcommand_from show help" -l no-config -d 'Read no config file (for jobs that must not depend on a user\'s home)'
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and not __fish_seen_subcommand_from show help" -s v -l verbose -d 'Print the request, status, timing and token usage on stderr'
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and not __fish_seen_subcommand_from show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and not __fish_seen_subcommand_from show help" -f -a "show" -d 'Print a role as its file would be: the front matter, then the text'
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and not __fish_seen_subcommand_from show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and __fish_seen_subcommand_from show" -l color -d 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given' -r -f -a "auto\t'Colour on a terminal only'
always\t''
never\t''"
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and __fish_seen_subcommand_from show" -l timeout -d 'Give up on a whole answer after this many seconds [default: 600]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and __fish_seen_subcommand_from show" -l connect-timeout -d 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and __fish_seen_subcommand_from show" -l max-retries -d 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and __fish_seen_subcommand_from show" -l base-url -d 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and __fish_seen_subcommand_from show" -l ca-cert -d 'Trust this CA certificate (PEM) too, e.g. a corporate proxy\'s. $SSL_CERT_FILE works the same way' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and __fish_seen_subcommand_from show" -s H -l header -d 'Send this header with every request, e.g. -H \'X-Team: search\' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and __fish_seen_subcommand_from show" -l mcp -d 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file\'s [mcp.NAME] servers. Example: --mcp \'npx -y @modelcontextprotocol/server-everything\'' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and __fish_seen_subcommand_from show" -l env-file -d 'Read variables from this file instead of ./.env (never overriding the environment)' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and __fish_seen_subcommand_from show" -l config -d 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and __fish_seen_subcommand_from show" -s p -l profile -d 'Use the config file\'s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file\'s default_profile]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and __fish_seen_subcommand_from show" -s r -l role -d 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and __fish_seen_subcommand_from show" -l allow-insecure-http -d 'Allow sending the key over plain http:// to a host that is not this machine'
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and __fish_seen_subcommand_from show" -l no-config -d 'Read no config file (for jobs that must not depend on a user\'s home)'
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print the request, status, timing and token usage on stderr'
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print a role as its file would be: the front matter, then the text'
complete -c oaichat -n "__fish_oaichat_using_subcommand roles; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and not __fish_seen_subcommand_from clear path help" -l color -d 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given' -r -f -a "auto\t'Colour on a terminal only'
always\t''
never\t''"
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and not __fish_seen_subcommand_from clear path help" -l timeout -d 'Give up on a whole answer after this many seconds [default: 600]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and not __fish_seen_subcommand_from clear path help" -l connect-timeout -d 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and not __fish_seen_subcommand_from clear path help" -l max-retries -d 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and not __fish_seen_subcommand_from clear path help" -l base-url -d 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and not __fish_seen_subcommand_from clear path help" -l ca-cert -d 'Trust this CA certificate (PEM) too, e.g. a corporate proxy\'s. $SSL_CERT_FILE works the same way' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and not __fish_seen_subcommand_from clear path help" -s H -l header -d 'Send this header with every request, e.g. -H \'X-Team: search\' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and not __fish_seen_subcommand_from clear path help" -l mcp -d 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file\'s [mcp.NAME] servers. Example: --mcp \'npx -y @modelcontextprotocol/server-everything\'' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and not __fish_seen_subcommand_from clear path help" -l env-file -d 'Read variables from this file instead of ./.env (never overriding the environment)' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and not __fish_seen_subcommand_from clear path help" -l config -d 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and not __fish_seen_subcommand_from clear path help" -s p -l profile -d 'Use the config file\'s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file\'s default_profile]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and not __fish_seen_subcommand_from clear path help" -s r -l role -d 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and not __fish_seen_subcommand_from clear path help" -l allow-insecure-http -d 'Allow sending the key over plain http:// to a host that is not this machine'
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and not __fish_seen_subcommand_from clear path help" -l no-config -d 'Read no config file (for jobs that must not depend on a user\'s home)'
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and not __fish_seen_subcommand_from clear path help" -s v -l verbose -d 'Print the request, status, timing and token usage on stderr'
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and not __fish_seen_subcommand_from clear path help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and not __fish_seen_subcommand_from clear path help" -f -a "clear" -d 'Remove every cached answer; says how many'
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and not __fish_seen_subcommand_from clear path help" -f -a "path" -d 'Print the cache\'s folder (whether or not it exists yet), e.g. for a CI cache step'
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and not __fish_seen_subcommand_from clear path help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from clear" -l color -d 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given' -r -f -a "auto\t'Colour on a terminal only'
always\t''
never\t''"
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from clear" -l timeout -d 'Give up on a whole answer after this many seconds [default: 600]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from clear" -l connect-timeout -d 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from clear" -l max-retries -d 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from clear" -l base-url -d 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from clear" -l ca-cert -d 'Trust this CA certificate (PEM) too, e.g. a corporate proxy\'s. $SSL_CERT_FILE works the same way' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from clear" -s H -l header -d 'Send this header with every request, e.g. -H \'X-Team: search\' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from clear" -l mcp -d 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file\'s [mcp.NAME] servers. Example: --mcp \'npx -y @modelcontextprotocol/server-everything\'' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from clear" -l env-file -d 'Read variables from this file instead of ./.env (never overriding the environment)' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from clear" -l config -d 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from clear" -s p -l profile -d 'Use the config file\'s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file\'s default_profile]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from clear" -s r -l role -d 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from clear" -l allow-insecure-http -d 'Allow sending the key over plain http:// to a host that is not this machine'
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from clear" -l no-config -d 'Read no config file (for jobs that must not depend on a user\'s home)'
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from clear" -s v -l verbose -d 'Print the request, status, timing and token usage on stderr'
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from clear" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from path" -l color -d 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given' -r -f -a "auto\t'Colour on a terminal only'
always\t''
never\t''"
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from path" -l timeout -d 'Give up on a whole answer after this many seconds [default: 600]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from path" -l connect-timeout -d 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from path" -l max-retries -d 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from path" -l base-url -d 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from path" -l ca-cert -d 'Trust this CA certificate (PEM) too, e.g. a corporate proxy\'s. $SSL_CERT_FILE works the same way' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from path" -s H -l header -d 'Send this header with every request, e.g. -H \'X-Team: search\' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from path" -l mcp -d 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file\'s [mcp.NAME] servers. Example: --mcp \'npx -y @modelcontextprotocol/server-everything\'' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from path" -l env-file -d 'Read variables from this file instead of ./.env (never overriding the environment)' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from path" -l config -d 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from path" -s p -l profile -d 'Use the config file\'s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file\'s default_profile]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from path" -s r -l role -d 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from path" -l allow-insecure-http -d 'Allow sending the key over plain http:// to a host that is not this machine'
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from path" -l no-config -d 'Read no config file (for jobs that must not depend on a user\'s home)'
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Print the request, status, timing and token usage on stderr'
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "clear" -d 'Remove every cached answer; says how many'
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the cache\'s folder (whether or not it exists yet), e.g. for a CI cache step'
complete -c oaichat -n "__fish_oaichat_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and not __fish_seen_subcommand_from list help" -l color -d 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given' -r -f -a "auto\t'Colour on a terminal only'
always\t''
never\t''"
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and not __fish_seen_subcommand_from list help" -l timeout -d 'Give up on a whole answer after this many seconds [default: 600]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and not __fish_seen_subcommand_from list help" -l connect-timeout -d 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and not __fish_seen_subcommand_from list help" -l max-retries -d 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and not __fish_seen_subcommand_from list help" -l base-url -d 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and not __fish_seen_subcommand_from list help" -l ca-cert -d 'Trust this CA certificate (PEM) too, e.g. a corporate proxy\'s. $SSL_CERT_FILE works the same way' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and not __fish_seen_subcommand_from list help" -s H -l header -d 'Send this header with every request, e.g. -H \'X-Team: search\' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and not __fish_seen_subcommand_from list help" -l mcp -d 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file\'s [mcp.NAME] servers. Example: --mcp \'npx -y @modelcontextprotocol/server-everything\'' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and not __fish_seen_subcommand_from list help" -l env-file -d 'Read variables from this file instead of ./.env (never overriding the environment)' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and not __fish_seen_subcommand_from list help" -l config -d 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and not __fish_seen_subcommand_from list help" -s p -l profile -d 'Use the config file\'s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file\'s default_profile]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and not __fish_seen_subcommand_from list help" -s r -l role -d 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and not __fish_seen_subcommand_from list help" -l allow-insecure-http -d 'Allow sending the key over plain http:// to a host that is not this machine'
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and not __fish_seen_subcommand_from list help" -l no-config -d 'Read no config file (for jobs that must not depend on a user\'s home)'
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and not __fish_seen_subcommand_from list help" -s v -l verbose -d 'Print the request, status, timing and token usage on stderr'
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and not __fish_seen_subcommand_from list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and not __fish_seen_subcommand_from list help" -f -a "list" -d 'Start each server and print its tools with their descriptions (no key needed)'
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and not __fish_seen_subcommand_from list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and __fish_seen_subcommand_from list" -l color -d 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given' -r -f -a "auto\t'Colour on a terminal only'
always\t''
never\t''"
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and __fish_seen_subcommand_from list" -l timeout -d 'Give up on a whole answer after this many seconds [default: 600]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and __fish_seen_subcommand_from list" -l connect-timeout -d 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and __fish_seen_subcommand_from list" -l max-retries -d 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and __fish_seen_subcommand_from list" -l base-url -d 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and __fish_seen_subcommand_from list" -l ca-cert -d 'Trust this CA certificate (PEM) too, e.g. a corporate proxy\'s. $SSL_CERT_FILE works the same way' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and __fish_seen_subcommand_from list" -s H -l header -d 'Send this header with every request, e.g. -H \'X-Team: search\' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and __fish_seen_subcommand_from list" -l mcp -d 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file\'s [mcp.NAME] servers. Example: --mcp \'npx -y @modelcontextprotocol/server-everything\'' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and __fish_seen_subcommand_from list" -l env-file -d 'Read variables from this file instead of ./.env (never overriding the environment)' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and __fish_seen_subcommand_from list" -l config -d 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it' -r -F
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and __fish_seen_subcommand_from list" -s p -l profile -d 'Use the config file\'s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file\'s default_profile]' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and __fish_seen_subcommand_from list" -s r -l role -d 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them' -r
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and __fish_seen_subcommand_from list" -l allow-insecure-http -d 'Allow sending the key over plain http:// to a host that is not this machine'
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and __fish_seen_subcommand_from list" -l no-config -d 'Read no config file (for jobs that must not depend on a user\'s home)'
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print the request, status, timing and token usage on stderr'
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and __fish_seen_subcommand_from help" -f -a "list" -d 'Start each server and print its tools with their descriptions (no key needed)'
complete -c oaichat -n "__fish_oaichat_using_subcommand mcp; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oaichat -n "__fish_oaichat_using_subcommand help; and not __fish_seen_subcommand_from models batch config roles cache mcp help" -f -a "models" -d 'List the models the API offers (GET /models), one id per line, sorted. Also the quickest check that a key works. With --raw, the API\'s JSON'
complete -c oaichat -n "__fish_oaichat_using_subcommand help; and not __fish_seen_subcommand_from models batch config roles cache mcp help" -f -a "batch" -d 'OpenAI\'s Batch API: half the price, no local rate limits, results within 24 h'
complete -c oaichat -n "__fish_oaichat_using_subcommand help; and not __fish_seen_subcommand_from models batch config roles cache mcp help" -f -a "config" -d 'Print the effective settings and where each came from (flag, env, .env, role, profile, file, default), the key redacted; or the config file\'s path (--path), or open it in $VISUAL/$EDITOR (--edit)'
complete -c oaichat -n "__fish_oaichat_using_subcommand help; and not __fish_seen_subcommand_from models batch config roles cache mcp help" -f -a "roles" -d 'The roles (-r NAME): each with where it comes from and its first line; `roles show NAME` prints one'
complete -c oaichat -n "__fish_oaichat_using_subcommand help; and not __fish_seen_subcommand_from models batch config roles cache mcp help" -f -a "cache" -d 'The answers --cache keeps: `cache path` prints its folder, `cache clear` empties it'
complete -c oaichat -n "__fish_oaichat_using_subcommand help; and not __fish_seen_subcommand_from models batch config roles cache mcp help" -f -a "mcp" -d 'MCP servers (--mcp, and [mcp.NAME] in the config file): `mcp list` starts each and prints its tools'
complete -c oaichat -n "__fish_oaichat_using_subcommand help; and not __fish_seen_subcommand_from models batch config roles cache mcp help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oaichat -n "__fish_oaichat_using_subcommand help; and __fish_seen_subcommand_from batch" -f -a "create" -d 'Upload INPUT (--jsonl lines, or text lines with --each) as a batch; prints its id'
complete -c oaichat -n "__fish_oaichat_using_subcommand help; and __fish_seen_subcommand_from batch" -f -a "status" -d 'Print a batch\'s status and counts (--raw: the batch object)'
complete -c oaichat -n "__fish_oaichat_using_subcommand help; and __fish_seen_subcommand_from batch" -f -a "wait" -d 'Wait until a batch finishes, with progress on stderr; non-zero unless it completed'
complete -c oaichat -n "__fish_oaichat_using_subcommand help; and __fish_seen_subcommand_from batch" -f -a "results" -d 'Print the results in input order, like line mode (--each: text lines; else JSON records; --raw adds each response)'
complete -c oaichat -n "__fish_oaichat_using_subcommand help; and __fish_seen_subcommand_from batch" -f -a "cancel" -d 'Cancel a batch'
complete -c oaichat -n "__fish_oaichat_using_subcommand help; and __fish_seen_subcommand_from batch" -f -a "list" -d 'List recent batches: id, status and counts, one per line'
complete -c oaichat -n "__fish_oaichat_using_subcommand help; and __fish_seen_subcommand_from roles" -f -a "show" -d 'Print a role as its file would be: the front matter, then the text'
complete -c oaichat -n "__fish_oaichat_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "clear" -d 'Remove every cached answer; says how many'
complete -c oaichat -n "__fish_oaichat_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "path" -d 'Print the cache\'s folder (whether or not it exists yet), e.g. for a CI cache step'
complete -c oaichat -n "__fish_oaichat_using_subcommand help; and __fish_seen_subcommand_from mcp" -f -a "list" -d 'Start each server and print its tools with their descriptions (no key needed)'
