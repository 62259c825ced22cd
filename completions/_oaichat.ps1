
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'oaichat' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'oaichat'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'oaichat' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'An earlier user turn, before the prompt (repeatable; kept in order with --assistant)')
            [CompletionResult]::new('--assistant', '--assistant', [CompletionResultType]::ParameterName, 'An earlier answer of the model, before the prompt (repeatable; kept in order with --user). Example: oaichat --user "What is Rust?" --assistant "A language." "Shorter?"')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Add a file''s text to the prompt, like stdin (repeatable). With -f, stdin is read only when `-` is given')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Add a file''s text to the prompt, like stdin (repeatable). With -f, stdin is read only when `-` is given')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'Attach an image: a PNG, JPEG, WebP or GIF file (sent as a data URL), or an http(s) URL (repeatable)')
            [CompletionResult]::new('--image-detail', '--image-detail', [CompletionResultType]::ParameterName, 'How closely the model looks at images')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Model ID [default: $OPENAI_MODEL, else gpt-4o-mini]')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'Model ID [default: $OPENAI_MODEL, else gpt-4o-mini]')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'System message: how the model should behave')
            [CompletionResult]::new('--system', '--system', [CompletionResultType]::ParameterName, 'System message: how the model should behave')
            [CompletionResult]::new('--system-file', '--system-file', [CompletionResultType]::ParameterName, 'Read the system message from a file')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Sampling temperature, 0 to 2: lower is more focused, higher more random')
            [CompletionResult]::new('--temperature', '--temperature', [CompletionResultType]::ParameterName, 'Sampling temperature, 0 to 2: lower is more focused, higher more random')
            [CompletionResult]::new('--top-p', '--top-p', [CompletionResultType]::ParameterName, 'Nucleus sampling, 0 to 1: only the tokens in the top P probability mass')
            [CompletionResult]::new('--max-tokens', '--max-tokens', [CompletionResultType]::ParameterName, 'Upper bound on the tokens in the answer (sent as `max_tokens`, or as `max_completion_tokens` for reasoning models, which reject `max_tokens`)')
            [CompletionResult]::new('--max-completion-tokens', '--max-completion-tokens', [CompletionResultType]::ParameterName, 'Upper bound on answer plus reasoning tokens, sent as `max_completion_tokens`')
            [CompletionResult]::new('--reasoning-effort', '--reasoning-effort', [CompletionResultType]::ParameterName, 'How hard a reasoning model thinks: minimal (gpt-5 family), low, medium or high')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Set any request field: VALUE is JSON when it parses as JSON, else a string; a dotted KEY sets a nested field (repeatable). E.g. -o top_k=40 -o service_tier=flex -o logit_bias=''{"1234":-100}'' -o stream_options.include_obfuscation=false')
            [CompletionResult]::new('--option', '--option', [CompletionResultType]::ParameterName, 'Set any request field: VALUE is JSON when it parses as JSON, else a string; a dotted KEY sets a nested field (repeatable). E.g. -o top_k=40 -o service_tier=flex -o logit_bias=''{"1234":-100}'' -o stream_options.include_obfuscation=false')
            [CompletionResult]::new('--stop', '--stop', [CompletionResultType]::ParameterName, 'Stop generating at this text (repeatable, at most 4)')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Ask for deterministic sampling with this seed (best effort)')
            [CompletionResult]::new('--frequency-penalty', '--frequency-penalty', [CompletionResultType]::ParameterName, 'Penalise tokens by how often they appeared, -2 to 2')
            [CompletionResult]::new('--presence-penalty', '--presence-penalty', [CompletionResultType]::ParameterName, 'Penalise tokens that appeared at all, -2 to 2')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Structured output: the answer follows this JSON Schema (a file, or inline JSON starting with `{`), sent as response_format json_schema with strict: true')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Number of answers to generate (printed separated by a line `---`)')
            [CompletionResult]::new('--history', '--history', [CompletionResultType]::ParameterName, 'Keep the conversation in this JSON Lines file: its messages are sent before the prompt, and the new question and answer are appended after a successful answer')
            [CompletionResult]::new('--history-limit', '--history-limit', [CompletionResultType]::ParameterName, 'Drop the oldest turns (never the system message or the new prompt) until the conversation fits in this many tokens')
            [CompletionResult]::new('-P', '-P ', [CompletionResultType]::ParameterName, 'Requests at once in line mode')
            [CompletionResult]::new('--parallel', '--parallel', [CompletionResultType]::ParameterName, 'Requests at once in line mode')
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'Line mode: skip inputs whose id has a successful record in FILE, append the rest to it (JSON records), so an interrupted run continues where it stopped')
            [CompletionResult]::new('-O', '-O ', [CompletionResultType]::ParameterName, 'Write the answer to FILE instead of stdout: whole or not at all (a temporary file renamed when the run succeeds; a failed run keeps what came as FILE.partial)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the answer to FILE instead of stdout: whole or not at all (a temporary file renamed when the run succeeds; a failed run keeps what came as FILE.partial)')
            [CompletionResult]::new('--cache-ttl', '--cache-ttl', [CompletionResultType]::ParameterName, 'With --cache: reuse only answers younger than this (90s, 10m, 2h, 7d); an older one is asked again and replaced [default: no limit]')
            [CompletionResult]::new('--tools', '--tools', [CompletionResultType]::ParameterName, 'Tools the model may call: a JSON file or inline JSON, in OpenAI''s tools format (a list, one {"type":"function","function":{…}}, or a bare {"name","parameters"}). When the answer is tool calls, stdout gets one JSON line per call and the exit code is 10')
            [CompletionResult]::new('--tool-choice', '--tool-choice', [CompletionResultType]::ParameterName, 'How the model may use the tools: auto, none, required, or a tool''s NAME (which it must call)')
            [CompletionResult]::new('--tool-cmd', '--tool-cmd', [CompletionResultType]::ParameterName, 'Run the tool NAME (defined with --tools) with COMMAND: its words as a shell would split them, run without a shell; the call''s arguments come as JSON on stdin and in $OAICHAT_TOOL_ARGS, and its stdout is the result')
            [CompletionResult]::new('--tool-timeout', '--tool-timeout', [CompletionResultType]::ParameterName, 'The longest a tool''s command may run before it is stopped (its result then says so)')
            [CompletionResult]::new('--max-tool-rounds', '--max-tool-rounds', [CompletionResultType]::ParameterName, 'How many rounds of tool calls oaichat runs before it stops and prints the pending calls (exit 10)')
            [CompletionResult]::new('--tool-result', '--tool-result', [CompletionResultType]::ParameterName, 'Answer the calls the conversation''s last answer asked for (with --history or -c), one per call: VALUE is the result''s text (JSON or not), @FILE or @- for stdin. The model''s next answer follows')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given')
            [CompletionResult]::new('--render', '--render', [CompletionResultType]::ParameterName, 'Render the answer as markdown: auto (when stdout is a terminal), always (also into a pipe, for `less -R`) or never. Never with --raw, --json, --schema, -x')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'The API to send to: chat (Chat Completions), responses (the Responses API), or auto (responses for the models served only there, such as o3-pro, and after a chat endpoint''s 404 that says so)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a whole answer after this many seconds [default: 600]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'With --stream, give up when the server is silent this long [default: 120]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--mcp', '--mcp', [CompletionResultType]::ParameterName, 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything''')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read variables from this file instead of ./.env (never overriding the environment)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--no-stdin', '--no-stdin', [CompletionResultType]::ParameterName, 'Never read stdin, even when it is a pipe (for CI jobs that leave stdin open)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON mode: the answer is one JSON object, checked to parse')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Continue the last conversation (the last run without --history), kept in $XDG_DATA_HOME/oaichat/last.jsonl')
            [CompletionResult]::new('--continue', '--continue', [CompletionResultType]::ParameterName, 'Continue the last conversation (the last run without --history), kept in $XDG_DATA_HOME/oaichat/last.jsonl')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Chat in a loop: a line editor, answers streamed, the conversation kept (and saved like any other). Lines that start with / are commands (/model, /retry, /save …): /help lists them. `exit`, `quit`, `bye`, `종료` or Ctrl-D end it')
            [CompletionResult]::new('--interactive', '--interactive', [CompletionResultType]::ParameterName, 'Chat in a loop: a line editor, answers streamed, the conversation kept (and saved like any other). Lines that start with / are commands (/model, /retry, /save …): /help lists them. `exit`, `quit`, `bye`, `종료` or Ctrl-D end it')
            [CompletionResult]::new('--each', '--each', [CompletionResultType]::ParameterName, 'Line mode: every line of stdin (or -f FILE) is one input for the prompt arguments; one answer per line, in input order, newlines escaped as \n')
            [CompletionResult]::new('--jsonl', '--jsonl', [CompletionResultType]::ParameterName, 'Line mode: every line is {"prompt": …} (with optional "id", "role", "system", "model" and request fields) or a whole request body; one JSON record per input, in input order')
            [CompletionResult]::new('--usage', '--usage', [CompletionResultType]::ParameterName, 'After the answer, print token usage and the estimated cost on stderr')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request JSON that would be sent, and its token count on stderr; send nothing (no key needed)')
            [CompletionResult]::new('--stream', '--stream', [CompletionResultType]::ParameterName, 'Print the answer as it is generated')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of the text (one object per line with --stream)')
            [CompletionResult]::new('-x', '-x', [CompletionResultType]::ParameterName, 'Print only the answer''s first fenced code block, without its fences (with --stream, as soon as it closes; with -n, each answer''s; with --jsonl, in an "extracted" field). No closed block: nothing printed, exit 8')
            [CompletionResult]::new('--extract', '--extract', [CompletionResultType]::ParameterName, 'Print only the answer''s first fenced code block, without its fences (with --stream, as soon as it closes; with -n, each answer''s; with --jsonl, in an "extracted" field). No closed block: nothing printed, exit 8')
            [CompletionResult]::new('--extract-last', '--extract-last', [CompletionResultType]::ParameterName, 'Print only the answer''s last fenced code block, without its fences')
            [CompletionResult]::new('--cache', '--cache', [CompletionResultType]::ParameterName, 'Answer a request seen before (same body, URL and headers) from the cache ($XDG_CACHE_HOME/oaichat, else ~/.cache/oaichat) without a network call; store new successful answers there')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor write the cache, whatever the config file or profile says')
            [CompletionResult]::new('--no-parallel-tool-calls', '--no-parallel-tool-calls', [CompletionResultType]::ParameterName, 'Ask for at most one tool call per answer (parallel_tool_calls: false)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Run tools without asking first (on a terminal oaichat asks before each call; without one, and without --yes, it runs none and prints the calls instead)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Run tools without asking first (on a terminal oaichat asks before each call; without one, and without --yes, it runs none and prints the calls instead)')
            [CompletionResult]::new('--hide-reasoning', '--hide-reasoning', [CompletionResultType]::ParameterName, 'Do not show the model''s reasoning, which reasoning servers (vLLM, llama.cpp, Ollama, DeepSeek) send, on stderr')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the key over plain http:// to a host that is not this machine')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Read no config file (for jobs that must not depend on a user''s home)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print the version (with -v, also the git commit and the built-in features)')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print the version (with -v, also the git commit and the built-in features)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('models', 'models', [CompletionResultType]::ParameterValue, 'List the models the API offers (GET /models), one id per line, sorted. Also the quickest check that a key works. With --raw, the API''s JSON')
            [CompletionResult]::new('batch', 'batch', [CompletionResultType]::ParameterValue, 'OpenAI''s Batch API: half the price, no local rate limits, results within 24 h')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Print the effective settings and where each came from (flag, env, .env, role, profile, file, default), the key redacted; or the config file''s path (--path), or open it in $VISUAL/$EDITOR (--edit)')
            [CompletionResult]::new('roles', 'roles', [CompletionResultType]::ParameterValue, 'The roles (-r NAME): each with where it comes from and its first line; `roles show NAME` prints one')
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'The answers --cache keeps: `cache path` prints its folder, `cache clear` empties it')
            [CompletionResult]::new('mcp', 'mcp', [CompletionResultType]::ParameterValue, 'MCP servers (--mcp, and [mcp.NAME] in the config file): `mcp list` starts each and prints its tools')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oaichat;models' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a whole answer after this many seconds [default: 600]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--mcp', '--mcp', [CompletionResultType]::ParameterName, 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything''')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read variables from this file instead of ./.env (never overriding the environment)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Print the API''s JSON')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the key over plain http:// to a host that is not this machine')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Read no config file (for jobs that must not depend on a user''s home)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oaichat;batch' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a whole answer after this many seconds [default: 600]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--mcp', '--mcp', [CompletionResultType]::ParameterName, 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything''')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read variables from this file instead of ./.env (never overriding the environment)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the key over plain http:// to a host that is not this machine')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Read no config file (for jobs that must not depend on a user''s home)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Upload INPUT (--jsonl lines, or text lines with --each) as a batch; prints its id')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Print a batch''s status and counts (--raw: the batch object)')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait until a batch finishes, with progress on stderr; non-zero unless it completed')
            [CompletionResult]::new('results', 'results', [CompletionResultType]::ParameterValue, 'Print the results in input order, like line mode (--each: text lines; else JSON records; --raw adds each response)')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a batch')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List recent batches: id, status and counts, one per line')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oaichat;batch;create' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Model ID [default: $OPENAI_MODEL, else gpt-4o-mini]')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'Model ID [default: $OPENAI_MODEL, else gpt-4o-mini]')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'System message: how the model should behave')
            [CompletionResult]::new('--system', '--system', [CompletionResultType]::ParameterName, 'System message: how the model should behave')
            [CompletionResult]::new('--system-file', '--system-file', [CompletionResultType]::ParameterName, 'Read the system message from a file')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Sampling temperature, 0 to 2: lower is more focused, higher more random')
            [CompletionResult]::new('--temperature', '--temperature', [CompletionResultType]::ParameterName, 'Sampling temperature, 0 to 2: lower is more focused, higher more random')
            [CompletionResult]::new('--top-p', '--top-p', [CompletionResultType]::ParameterName, 'Nucleus sampling, 0 to 1: only the tokens in the top P probability mass')
            [CompletionResult]::new('--max-tokens', '--max-tokens', [CompletionResultType]::ParameterName, 'Upper bound on the tokens in the answer (sent as `max_tokens`, or as `max_completion_tokens` for reasoning models, which reject `max_tokens`)')
            [CompletionResult]::new('--max-completion-tokens', '--max-completion-tokens', [CompletionResultType]::ParameterName, 'Upper bound on answer plus reasoning tokens, sent as `max_completion_tokens`')
            [CompletionResult]::new('--reasoning-effort', '--reasoning-effort', [CompletionResultType]::ParameterName, 'How hard a reasoning model thinks: minimal (gpt-5 family), low, medium or high')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Set any request field: VALUE is JSON when it parses as JSON, else a string; a dotted KEY sets a nested field (repeatable). E.g. -o top_k=40 -o service_tier=flex -o logit_bias=''{"1234":-100}'' -o stream_options.include_obfuscation=false')
            [CompletionResult]::new('--option', '--option', [CompletionResultType]::ParameterName, 'Set any request field: VALUE is JSON when it parses as JSON, else a string; a dotted KEY sets a nested field (repeatable). E.g. -o top_k=40 -o service_tier=flex -o logit_bias=''{"1234":-100}'' -o stream_options.include_obfuscation=false')
            [CompletionResult]::new('--stop', '--stop', [CompletionResultType]::ParameterName, 'Stop generating at this text (repeatable, at most 4)')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Ask for deterministic sampling with this seed (best effort)')
            [CompletionResult]::new('--frequency-penalty', '--frequency-penalty', [CompletionResultType]::ParameterName, 'Penalise tokens by how often they appeared, -2 to 2')
            [CompletionResult]::new('--presence-penalty', '--presence-penalty', [CompletionResultType]::ParameterName, 'Penalise tokens that appeared at all, -2 to 2')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Structured output: the answer follows this JSON Schema (a file, or inline JSON starting with `{`), sent as response_format json_schema with strict: true')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'The API the requests go to, as for a one-shot request: chat, responses, or auto (by each line''s model). A batch has one endpoint')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a whole answer after this many seconds [default: 600]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--mcp', '--mcp', [CompletionResultType]::ParameterName, 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything''')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read variables from this file instead of ./.env (never overriding the environment)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--each', '--each', [CompletionResultType]::ParameterName, 'Every line of INPUT is a prompt (else a --jsonl request object)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON mode: the answer is one JSON object, checked to parse')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the key over plain http:// to a host that is not this machine')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Read no config file (for jobs that must not depend on a user''s home)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oaichat;batch;status' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a whole answer after this many seconds [default: 600]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--mcp', '--mcp', [CompletionResultType]::ParameterName, 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything''')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read variables from this file instead of ./.env (never overriding the environment)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Print the batch object')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the key over plain http:// to a host that is not this machine')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Read no config file (for jobs that must not depend on a user''s home)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oaichat;batch;wait' {
            [CompletionResult]::new('--poll', '--poll', [CompletionResultType]::ParameterName, 'Seconds between the first polls (then backing off to a minute)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a whole answer after this many seconds [default: 600]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--mcp', '--mcp', [CompletionResultType]::ParameterName, 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything''')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read variables from this file instead of ./.env (never overriding the environment)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the key over plain http:// to a host that is not this machine')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Read no config file (for jobs that must not depend on a user''s home)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oaichat;batch;results' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a whole answer after this many seconds [default: 600]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--mcp', '--mcp', [CompletionResultType]::ParameterName, 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything''')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read variables from this file instead of ./.env (never overriding the environment)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--each', '--each', [CompletionResultType]::ParameterName, 'Print text lines as --each does (else JSON records)')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Add each response to its record')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the key over plain http:// to a host that is not this machine')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Read no config file (for jobs that must not depend on a user''s home)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oaichat;batch;cancel' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a whole answer after this many seconds [default: 600]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--mcp', '--mcp', [CompletionResultType]::ParameterName, 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything''')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read variables from this file instead of ./.env (never overriding the environment)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Print the batch object')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the key over plain http:// to a host that is not this machine')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Read no config file (for jobs that must not depend on a user''s home)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oaichat;batch;list' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a whole answer after this many seconds [default: 600]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--mcp', '--mcp', [CompletionResultType]::ParameterName, 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything''')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read variables from this file instead of ./.env (never overriding the environment)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Print the API''s JSON')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the key over plain http:// to a host that is not this machine')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Read no config file (for jobs that must not depend on a user''s home)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oaichat;batch;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Upload INPUT (--jsonl lines, or text lines with --each) as a batch; prints its id')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Print a batch''s status and counts (--raw: the batch object)')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait until a batch finishes, with progress on stderr; non-zero unless it completed')
            [CompletionResult]::new('results', 'results', [CompletionResultType]::ParameterValue, 'Print the results in input order, like line mode (--each: text lines; else JSON records; --raw adds each response)')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a batch')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List recent batches: id, status and counts, one per line')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oaichat;batch;help;create' {
            break
        }
        'oaichat;batch;help;status' {
            break
        }
        'oaichat;batch;help;wait' {
            break
        }
        'oaichat;batch;help;results' {
            break
        }
        'oaichat;batch;help;cancel' {
            break
        }
        'oaichat;batch;help;list' {
            break
        }
        'oaichat;batch;help;help' {
            break
        }
        'oaichat;config' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a whole answer after this many seconds [default: 600]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--mcp', '--mcp', [CompletionResultType]::ParameterName, 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything''')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read variables from this file instead of ./.env (never overriding the environment)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Print the config file''s path (whether or not it exists yet)')
            [CompletionResult]::new('--edit', '--edit', [CompletionResultType]::ParameterName, 'Open the config file in $VISUAL or $EDITOR, made with a commented example when missing; it is checked when the editor closes')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the key over plain http:// to a host that is not this machine')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Read no config file (for jobs that must not depend on a user''s home)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oaichat;roles' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a whole answer after this many seconds [default: 600]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--mcp', '--mcp', [CompletionResultType]::ParameterName, 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything''')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read variables from this file instead of ./.env (never overriding the environment)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the key over plain http:// to a host that is not this machine')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Read no config file (for jobs that must not depend on a user''s home)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a role as its file would be: the front matter, then the text')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oaichat;roles;show' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a whole answer after this many seconds [default: 600]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--mcp', '--mcp', [CompletionResultType]::ParameterName, 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything''')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read variables from this file instead of ./.env (never overriding the environment)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the key over plain http:// to a host that is not this machine')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Read no config file (for jobs that must not depend on a user''s home)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oaichat;roles;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a role as its file would be: the front matter, then the text')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oaichat;roles;help;show' {
            break
        }
        'oaichat;roles;help;help' {
            break
        }
        'oaichat;cache' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a whole answer after this many seconds [default: 600]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--mcp', '--mcp', [CompletionResultType]::ParameterName, 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything''')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read variables from this file instead of ./.env (never overriding the environment)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the key over plain http:// to a host that is not this machine')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Read no config file (for jobs that must not depend on a user''s home)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove every cached answer; says how many')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the cache''s folder (whether or not it exists yet), e.g. for a CI cache step')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oaichat;cache;clear' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a whole answer after this many seconds [default: 600]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--mcp', '--mcp', [CompletionResultType]::ParameterName, 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything''')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read variables from this file instead of ./.env (never overriding the environment)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the key over plain http:// to a host that is not this machine')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Read no config file (for jobs that must not depend on a user''s home)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oaichat;cache;path' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a whole answer after this many seconds [default: 600]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--mcp', '--mcp', [CompletionResultType]::ParameterName, 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything''')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read variables from this file instead of ./.env (never overriding the environment)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the key over plain http:// to a host that is not this machine')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Read no config file (for jobs that must not depend on a user''s home)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oaichat;cache;help' {
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove every cached answer; says how many')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the cache''s folder (whether or not it exists yet), e.g. for a CI cache step')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oaichat;cache;help;clear' {
            break
        }
        'oaichat;cache;help;path' {
            break
        }
        'oaichat;cache;help;help' {
            break
        }
        'oaichat;mcp' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a whole answer after this many seconds [default: 600]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--mcp', '--mcp', [CompletionResultType]::ParameterName, 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything''')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read variables from this file instead of ./.env (never overriding the environment)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the key over plain http:// to a host that is not this machine')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Read no config file (for jobs that must not depend on a user''s home)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Start each server and print its tools with their descriptions (no key needed)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oaichat;mcp;list' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a whole answer after this many seconds [default: 600]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header')
            [CompletionResult]::new('--mcp', '--mcp', [CompletionResultType]::ParameterName, 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything''')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read variables from this file instead of ./.env (never overriding the environment)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the key over plain http:// to a host that is not this machine')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Read no config file (for jobs that must not depend on a user''s home)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the request, status, timing and token usage on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oaichat;mcp;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Start each server and print its tools with their descriptions (no key needed)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oaichat;mcp;help;list' {
            break
        }
        'oaichat;mcp;help;help' {
            break
        }
        'oaichat;help' {
            [CompletionResult]::new('models', 'models', [CompletionResultType]::ParameterValue, 'List the models the API offers (GET /models), one id per line, sorted. Also the quickest check that a key works. With --raw, the API''s JSON')
            [CompletionResult]::new('batch', 'batch', [CompletionResultType]::ParameterValue, 'OpenAI''s Batch API: half the price, no local rate limits, results within 24 h')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Print the effective settings and where each came from (flag, env, .env, role, profile, file, default), the key redacted; or the config file''s path (--path), or open it in $VISUAL/$EDITOR (--edit)')
            [CompletionResult]::new('roles', 'roles', [CompletionResultType]::ParameterValue, 'The roles (-r NAME): each with where it comes from and its first line; `roles show NAME` prints one')
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'The answers --cache keeps: `cache path` prints its folder, `cache clear` empties it')
            [CompletionResult]::new('mcp', 'mcp', [CompletionResultType]::ParameterValue, 'MCP servers (--mcp, and [mcp.NAME] in the config file): `mcp list` starts each and prints its tools')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oaichat;help;models' {
            break
        }
        'oaichat;help;batch' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Upload INPUT (--jsonl lines, or text lines with --each) as a batch; prints its id')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Print a batch''s status and counts (--raw: the batch object)')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait until a batch finishes, with progress on stderr; non-zero unless it completed')
            [CompletionResult]::new('results', 'results', [CompletionResultType]::ParameterValue, 'Print the results in input order, like line mode (--each: text lines; else JSON records; --raw adds each response)')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a batch')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List recent batches: id, status and counts, one per line')
            break
        }
        'oaichat;help;batch;create' {
            break
        }
        'oaichat;help;batch;status' {
            break
        }
        'oaichat;help;batch;wait' {
            break
        }
        'oaichat;help;batch;results' {
            break
        }
        'oaichat;help;batch;cancel' {
            break
        }
        'oaichat;help;batch;list' {
            break
        }
        'oaichat;help;config' {
            break
        }
        'oaichat;help;roles' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a role as its file would be: the front matter, then the text')
            break
        }
        'oaichat;help;roles;show' {
            break
        }
        'oaichat;help;cache' {
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove every cached answer; says how many')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the cache''s folder (whether or not it exists yet), e.g. for a CI cache step')
            break
        }
        'oaichat;help;cache;clear' {
            break
        }
        'oaichat;help;cache;path' {
            break
        }
        'oaichat;help;mcp' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Start each server and print its tools with their descriptions (no key needed)')
            break
        }
        'oaichat;help;mcp;list' {
            break
        }
        'oaichat;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
