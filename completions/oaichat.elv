
use builtin;
use str;

set edit:completion:arg-completer[oaichat] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'oaichat'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'oaichat'= {
            cand --user 'An earlier user turn, before the prompt (repeatable; kept in order with --assistant)'
            cand --assistant 'An earlier answer of the model, before the prompt (repeatable; kept in order with --user). Example: oaichat --user "What is Rust?" --assistant "A language." "Shorter?"'
            cand -f 'Add a file''s text to the prompt, like stdin (repeatable). With -f, stdin is read only when `-` is given'
            cand --file 'Add a file''s text to the prompt, like stdin (repeatable). With -f, stdin is read only when `-` is given'
            cand --image 'Attach an image: a PNG, JPEG, WebP or GIF file (sent as a data URL), or an http(s) URL (repeatable)'
            cand --image-detail 'How closely the model looks at images'
            cand -m 'Model ID [default: $OPENAI_MODEL, else gpt-4o-mini]'
            cand --model 'Model ID [default: $OPENAI_MODEL, else gpt-4o-mini]'
            cand -s 'System message: how the model should behave'
            cand --system 'System message: how the model should behave'
            cand --system-file 'Read the system message from a file'
            cand -t 'Sampling temperature, 0 to 2: lower is more focused, higher more random'
            cand --temperature 'Sampling temperature, 0 to 2: lower is more focused, higher more random'
            cand --top-p 'Nucleus sampling, 0 to 1: only the tokens in the top P probability mass'
            cand --max-tokens 'Upper bound on the tokens in the answer (sent as `max_tokens`, or as `max_completion_tokens` for reasoning models, which reject `max_tokens`)'
            cand --max-completion-tokens 'Upper bound on answer plus reasoning tokens, sent as `max_completion_tokens`'
            cand --reasoning-effort 'How hard a reasoning model thinks: minimal (gpt-5 family), low, medium or high'
            cand -o 'Set any request field: VALUE is JSON when it parses as JSON, else a string; a dotted KEY sets a nested field (repeatable). E.g. -o top_k=40 -o service_tier=flex -o logit_bias=''{"1234":-100}'' -o stream_options.include_obfuscation=false'
            cand --option 'Set any request field: VALUE is JSON when it parses as JSON, else a string; a dotted KEY sets a nested field (repeatable). E.g. -o top_k=40 -o service_tier=flex -o logit_bias=''{"1234":-100}'' -o stream_options.include_obfuscation=false'
            cand --stop 'Stop generating at this text (repeatable, at most 4)'
            cand --seed 'Ask for deterministic sampling with this seed (best effort)'
            cand --frequency-penalty 'Penalise tokens by how often they appeared, -2 to 2'
            cand --presence-penalty 'Penalise tokens that appeared at all, -2 to 2'
            cand --schema 'Structured output: the answer follows this JSON Schema (a file, or inline JSON starting with `{`), sent as response_format json_schema with strict: true'
            cand -n 'Number of answers to generate (printed separated by a line `---`)'
            cand --history 'Keep the conversation in this JSON Lines file: its messages are sent before the prompt, and the new question and answer are appended after a successful answer'
            cand --history-limit 'Drop the oldest turns (never the system message or the new prompt) until the conversation fits in this many tokens'
            cand -P 'Requests at once in line mode'
            cand --parallel 'Requests at once in line mode'
            cand --resume 'Line mode: skip inputs whose id has a successful record in FILE, append the rest to it (JSON records), so an interrupted run continues where it stopped'
            cand -O 'Write the answer to FILE instead of stdout: whole or not at all (a temporary file renamed when the run succeeds; a failed run keeps what came as FILE.partial)'
            cand --output 'Write the answer to FILE instead of stdout: whole or not at all (a temporary file renamed when the run succeeds; a failed run keeps what came as FILE.partial)'
            cand --cache-ttl 'With --cache: reuse only answers younger than this (90s, 10m, 2h, 7d); an older one is asked again and replaced [default: no limit]'
            cand --tools 'Tools the model may call: a JSON file or inline JSON, in OpenAI''s tools format (a list, one {"type":"function","function":{…}}, or a bare {"name","parameters"}). When the answer is tool calls, stdout gets one JSON line per call and the exit code is 10'
            cand --tool-choice 'How the model may use the tools: auto, none, required, or a tool''s NAME (which it must call)'
            cand --tool-cmd 'Run the tool NAME (defined with --tools) with COMMAND: its words as a shell would split them, run without a shell; the call''s arguments come as JSON on stdin and in $OAICHAT_TOOL_ARGS, and its stdout is the result'
            cand --tool-timeout 'The longest a tool''s command may run before it is stopped (its result then says so)'
            cand --max-tool-rounds 'How many rounds of tool calls oaichat runs before it stops and prints the pending calls (exit 10)'
            cand --tool-result 'Answer the calls the conversation''s last answer asked for (with --history or -c), one per call: VALUE is the result''s text (JSON or not), @FILE or @- for stdin. The model''s next answer follows'
            cand --color 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given'
            cand --render 'Render the answer as markdown: auto (when stdout is a terminal), always (also into a pipe, for `less -R`) or never. Never with --raw, --json, --schema, -x'
            cand --api 'The API to send to: chat (Chat Completions), responses (the Responses API), or auto (responses for the models served only there, such as o3-pro, and after a chat endpoint''s 404 that says so)'
            cand --timeout 'Give up on a whole answer after this many seconds [default: 600]'
            cand --connect-timeout 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]'
            cand --idle-timeout 'With --stream, give up when the server is silent this long [default: 120]'
            cand --max-retries 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them'
            cand --base-url 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]'
            cand --ca-cert 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way'
            cand -H 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --header 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --mcp 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything'''
            cand --env-file 'Read variables from this file instead of ./.env (never overriding the environment)'
            cand --config 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it'
            cand -p 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand --profile 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand -r 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --role 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --no-stdin 'Never read stdin, even when it is a pipe (for CI jobs that leave stdin open)'
            cand --json 'JSON mode: the answer is one JSON object, checked to parse'
            cand -c 'Continue the last conversation (the last run without --history), kept in $XDG_DATA_HOME/oaichat/last.jsonl'
            cand --continue 'Continue the last conversation (the last run without --history), kept in $XDG_DATA_HOME/oaichat/last.jsonl'
            cand -i 'Chat in a loop: a line editor, answers streamed, the conversation kept (and saved like any other). Lines that start with / are commands (/model, /retry, /save …): /help lists them. `exit`, `quit`, `bye`, `종료` or Ctrl-D end it'
            cand --interactive 'Chat in a loop: a line editor, answers streamed, the conversation kept (and saved like any other). Lines that start with / are commands (/model, /retry, /save …): /help lists them. `exit`, `quit`, `bye`, `종료` or Ctrl-D end it'
            cand --each 'Line mode: every line of stdin (or -f FILE) is one input for the prompt arguments; one answer per line, in input order, newlines escaped as \n'
            cand --jsonl 'Line mode: every line is {"prompt": …} (with optional "id", "role", "system", "model" and request fields) or a whole request body; one JSON record per input, in input order'
            cand --usage 'After the answer, print token usage and the estimated cost on stderr'
            cand --dry-run 'Print the request JSON that would be sent, and its token count on stderr; send nothing (no key needed)'
            cand --stream 'Print the answer as it is generated'
            cand --raw 'Print the API''s JSON instead of the text (one object per line with --stream)'
            cand -x 'Print only the answer''s first fenced code block, without its fences (with --stream, as soon as it closes; with -n, each answer''s; with --jsonl, in an "extracted" field). No closed block: nothing printed, exit 8'
            cand --extract 'Print only the answer''s first fenced code block, without its fences (with --stream, as soon as it closes; with -n, each answer''s; with --jsonl, in an "extracted" field). No closed block: nothing printed, exit 8'
            cand --extract-last 'Print only the answer''s last fenced code block, without its fences'
            cand --cache 'Answer a request seen before (same body, URL and headers) from the cache ($XDG_CACHE_HOME/oaichat, else ~/.cache/oaichat) without a network call; store new successful answers there'
            cand --no-cache 'Neither read nor write the cache, whatever the config file or profile says'
            cand --no-parallel-tool-calls 'Ask for at most one tool call per answer (parallel_tool_calls: false)'
            cand -y 'Run tools without asking first (on a terminal oaichat asks before each call; without one, and without --yes, it runs none and prints the calls instead)'
            cand --yes 'Run tools without asking first (on a terminal oaichat asks before each call; without one, and without --yes, it runs none and prints the calls instead)'
            cand --hide-reasoning 'Do not show the model''s reasoning, which reasoning servers (vLLM, llama.cpp, Ollama, DeepSeek) send, on stderr'
            cand --allow-insecure-http 'Allow sending the key over plain http:// to a host that is not this machine'
            cand --no-config 'Read no config file (for jobs that must not depend on a user''s home)'
            cand -v 'Print the request, status, timing and token usage on stderr'
            cand --verbose 'Print the request, status, timing and token usage on stderr'
            cand -V 'Print the version (with -v, also the git commit and the built-in features)'
            cand --version 'Print the version (with -v, also the git commit and the built-in features)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand models 'List the models the API offers (GET /models), one id per line, sorted. Also the quickest check that a key works. With --raw, the API''s JSON'
            cand batch 'OpenAI''s Batch API: half the price, no local rate limits, results within 24 h'
            cand config 'Print the effective settings and where each came from (flag, env, .env, role, profile, file, default), the key redacted; or the config file''s path (--path), or open it in $VISUAL/$EDITOR (--edit)'
            cand roles 'The roles (-r NAME): each with where it comes from and its first line; `roles show NAME` prints one'
            cand cache 'The answers --cache keeps: `cache path` prints its folder, `cache clear` empties it'
            cand mcp 'MCP servers (--mcp, and [mcp.NAME] in the config file): `mcp list` starts each and prints its tools'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oaichat;models'= {
            cand --color 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given'
            cand --timeout 'Give up on a whole answer after this many seconds [default: 600]'
            cand --connect-timeout 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]'
            cand --max-retries 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them'
            cand --base-url 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]'
            cand --ca-cert 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way'
            cand -H 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --header 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --mcp 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything'''
            cand --env-file 'Read variables from this file instead of ./.env (never overriding the environment)'
            cand --config 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it'
            cand -p 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand --profile 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand -r 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --role 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --raw 'Print the API''s JSON'
            cand --allow-insecure-http 'Allow sending the key over plain http:// to a host that is not this machine'
            cand --no-config 'Read no config file (for jobs that must not depend on a user''s home)'
            cand -v 'Print the request, status, timing and token usage on stderr'
            cand --verbose 'Print the request, status, timing and token usage on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'oaichat;batch'= {
            cand --color 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given'
            cand --timeout 'Give up on a whole answer after this many seconds [default: 600]'
            cand --connect-timeout 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]'
            cand --max-retries 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them'
            cand --base-url 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]'
            cand --ca-cert 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way'
            cand -H 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --header 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --mcp 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything'''
            cand --env-file 'Read variables from this file instead of ./.env (never overriding the environment)'
            cand --config 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it'
            cand -p 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand --profile 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand -r 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --role 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --allow-insecure-http 'Allow sending the key over plain http:// to a host that is not this machine'
            cand --no-config 'Read no config file (for jobs that must not depend on a user''s home)'
            cand -v 'Print the request, status, timing and token usage on stderr'
            cand --verbose 'Print the request, status, timing and token usage on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand create 'Upload INPUT (--jsonl lines, or text lines with --each) as a batch; prints its id'
            cand status 'Print a batch''s status and counts (--raw: the batch object)'
            cand wait 'Wait until a batch finishes, with progress on stderr; non-zero unless it completed'
            cand results 'Print the results in input order, like line mode (--each: text lines; else JSON records; --raw adds each response)'
            cand cancel 'Cancel a batch'
            cand list 'List recent batches: id, status and counts, one per line'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oaichat;batch;create'= {
            cand -m 'Model ID [default: $OPENAI_MODEL, else gpt-4o-mini]'
            cand --model 'Model ID [default: $OPENAI_MODEL, else gpt-4o-mini]'
            cand -s 'System message: how the model should behave'
            cand --system 'System message: how the model should behave'
            cand --system-file 'Read the system message from a file'
            cand -t 'Sampling temperature, 0 to 2: lower is more focused, higher more random'
            cand --temperature 'Sampling temperature, 0 to 2: lower is more focused, higher more random'
            cand --top-p 'Nucleus sampling, 0 to 1: only the tokens in the top P probability mass'
            cand --max-tokens 'Upper bound on the tokens in the answer (sent as `max_tokens`, or as `max_completion_tokens` for reasoning models, which reject `max_tokens`)'
            cand --max-completion-tokens 'Upper bound on answer plus reasoning tokens, sent as `max_completion_tokens`'
            cand --reasoning-effort 'How hard a reasoning model thinks: minimal (gpt-5 family), low, medium or high'
            cand -o 'Set any request field: VALUE is JSON when it parses as JSON, else a string; a dotted KEY sets a nested field (repeatable). E.g. -o top_k=40 -o service_tier=flex -o logit_bias=''{"1234":-100}'' -o stream_options.include_obfuscation=false'
            cand --option 'Set any request field: VALUE is JSON when it parses as JSON, else a string; a dotted KEY sets a nested field (repeatable). E.g. -o top_k=40 -o service_tier=flex -o logit_bias=''{"1234":-100}'' -o stream_options.include_obfuscation=false'
            cand --stop 'Stop generating at this text (repeatable, at most 4)'
            cand --seed 'Ask for deterministic sampling with this seed (best effort)'
            cand --frequency-penalty 'Penalise tokens by how often they appeared, -2 to 2'
            cand --presence-penalty 'Penalise tokens that appeared at all, -2 to 2'
            cand --schema 'Structured output: the answer follows this JSON Schema (a file, or inline JSON starting with `{`), sent as response_format json_schema with strict: true'
            cand --api 'The API the requests go to, as for a one-shot request: chat, responses, or auto (by each line''s model). A batch has one endpoint'
            cand --color 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given'
            cand --timeout 'Give up on a whole answer after this many seconds [default: 600]'
            cand --connect-timeout 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]'
            cand --max-retries 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them'
            cand --base-url 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]'
            cand --ca-cert 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way'
            cand -H 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --header 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --mcp 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything'''
            cand --env-file 'Read variables from this file instead of ./.env (never overriding the environment)'
            cand --config 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it'
            cand -p 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand --profile 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand -r 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --role 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --each 'Every line of INPUT is a prompt (else a --jsonl request object)'
            cand --json 'JSON mode: the answer is one JSON object, checked to parse'
            cand --allow-insecure-http 'Allow sending the key over plain http:// to a host that is not this machine'
            cand --no-config 'Read no config file (for jobs that must not depend on a user''s home)'
            cand -v 'Print the request, status, timing and token usage on stderr'
            cand --verbose 'Print the request, status, timing and token usage on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'oaichat;batch;status'= {
            cand --color 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given'
            cand --timeout 'Give up on a whole answer after this many seconds [default: 600]'
            cand --connect-timeout 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]'
            cand --max-retries 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them'
            cand --base-url 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]'
            cand --ca-cert 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way'
            cand -H 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --header 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --mcp 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything'''
            cand --env-file 'Read variables from this file instead of ./.env (never overriding the environment)'
            cand --config 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it'
            cand -p 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand --profile 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand -r 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --role 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --raw 'Print the batch object'
            cand --allow-insecure-http 'Allow sending the key over plain http:// to a host that is not this machine'
            cand --no-config 'Read no config file (for jobs that must not depend on a user''s home)'
            cand -v 'Print the request, status, timing and token usage on stderr'
            cand --verbose 'Print the request, status, timing and token usage on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'oaichat;batch;wait'= {
            cand --poll 'Seconds between the first polls (then backing off to a minute)'
            cand --color 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given'
            cand --timeout 'Give up on a whole answer after this many seconds [default: 600]'
            cand --connect-timeout 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]'
            cand --max-retries 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them'
            cand --base-url 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]'
            cand --ca-cert 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way'
            cand -H 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --header 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --mcp 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything'''
            cand --env-file 'Read variables from this file instead of ./.env (never overriding the environment)'
            cand --config 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it'
            cand -p 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand --profile 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand -r 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --role 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --allow-insecure-http 'Allow sending the key over plain http:// to a host that is not this machine'
            cand --no-config 'Read no config file (for jobs that must not depend on a user''s home)'
            cand -v 'Print the request, status, timing and token usage on stderr'
            cand --verbose 'Print the request, status, timing and token usage on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'oaichat;batch;results'= {
            cand --color 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given'
            cand --timeout 'Give up on a whole answer after this many seconds [default: 600]'
            cand --connect-timeout 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]'
            cand --max-retries 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them'
            cand --base-url 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]'
            cand --ca-cert 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way'
            cand -H 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --header 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --mcp 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything'''
            cand --env-file 'Read variables from this file instead of ./.env (never overriding the environment)'
            cand --config 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it'
            cand -p 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand --profile 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand -r 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --role 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --each 'Print text lines as --each does (else JSON records)'
            cand --raw 'Add each response to its record'
            cand --allow-insecure-http 'Allow sending the key over plain http:// to a host that is not this machine'
            cand --no-config 'Read no config file (for jobs that must not depend on a user''s home)'
            cand -v 'Print the request, status, timing and token usage on stderr'
            cand --verbose 'Print the request, status, timing and token usage on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'oaichat;batch;cancel'= {
            cand --color 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given'
            cand --timeout 'Give up on a whole answer after this many seconds [default: 600]'
            cand --connect-timeout 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]'
            cand --max-retries 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them'
            cand --base-url 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]'
            cand --ca-cert 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way'
            cand -H 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --header 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --mcp 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything'''
            cand --env-file 'Read variables from this file instead of ./.env (never overriding the environment)'
            cand --config 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it'
            cand -p 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand --profile 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand -r 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --role 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --raw 'Print the batch object'
            cand --allow-insecure-http 'Allow sending the key over plain http:// to a host that is not this machine'
            cand --no-config 'Read no config file (for jobs that must not depend on a user''s home)'
            cand -v 'Print the request, status, timing and token usage on stderr'
            cand --verbose 'Print the request, status, timing and token usage on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'oaichat;batch;list'= {
            cand --color 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given'
            cand --timeout 'Give up on a whole answer after this many seconds [default: 600]'
            cand --connect-timeout 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]'
            cand --max-retries 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them'
            cand --base-url 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]'
            cand --ca-cert 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way'
            cand -H 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --header 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --mcp 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything'''
            cand --env-file 'Read variables from this file instead of ./.env (never overriding the environment)'
            cand --config 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it'
            cand -p 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand --profile 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand -r 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --role 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --raw 'Print the API''s JSON'
            cand --allow-insecure-http 'Allow sending the key over plain http:// to a host that is not this machine'
            cand --no-config 'Read no config file (for jobs that must not depend on a user''s home)'
            cand -v 'Print the request, status, timing and token usage on stderr'
            cand --verbose 'Print the request, status, timing and token usage on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'oaichat;batch;help'= {
            cand create 'Upload INPUT (--jsonl lines, or text lines with --each) as a batch; prints its id'
            cand status 'Print a batch''s status and counts (--raw: the batch object)'
            cand wait 'Wait until a batch finishes, with progress on stderr; non-zero unless it completed'
            cand results 'Print the results in input order, like line mode (--each: text lines; else JSON records; --raw adds each response)'
            cand cancel 'Cancel a batch'
            cand list 'List recent batches: id, status and counts, one per line'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oaichat;batch;help;create'= {
        }
        &'oaichat;batch;help;status'= {
        }
        &'oaichat;batch;help;wait'= {
        }
        &'oaichat;batch;help;results'= {
        }
        &'oaichat;batch;help;cancel'= {
        }
        &'oaichat;batch;help;list'= {
        }
        &'oaichat;batch;help;help'= {
        }
        &'oaichat;config'= {
            cand --color 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given'
            cand --timeout 'Give up on a whole answer after this many seconds [default: 600]'
            cand --connect-timeout 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]'
            cand --max-retries 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them'
            cand --base-url 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]'
            cand --ca-cert 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way'
            cand -H 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --header 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --mcp 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything'''
            cand --env-file 'Read variables from this file instead of ./.env (never overriding the environment)'
            cand --config 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it'
            cand -p 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand --profile 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand -r 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --role 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --path 'Print the config file''s path (whether or not it exists yet)'
            cand --edit 'Open the config file in $VISUAL or $EDITOR, made with a commented example when missing; it is checked when the editor closes'
            cand --allow-insecure-http 'Allow sending the key over plain http:// to a host that is not this machine'
            cand --no-config 'Read no config file (for jobs that must not depend on a user''s home)'
            cand -v 'Print the request, status, timing and token usage on stderr'
            cand --verbose 'Print the request, status, timing and token usage on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'oaichat;roles'= {
            cand --color 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given'
            cand --timeout 'Give up on a whole answer after this many seconds [default: 600]'
            cand --connect-timeout 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]'
            cand --max-retries 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them'
            cand --base-url 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]'
            cand --ca-cert 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way'
            cand -H 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --header 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --mcp 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything'''
            cand --env-file 'Read variables from this file instead of ./.env (never overriding the environment)'
            cand --config 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it'
            cand -p 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand --profile 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand -r 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --role 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --allow-insecure-http 'Allow sending the key over plain http:// to a host that is not this machine'
            cand --no-config 'Read no config file (for jobs that must not depend on a user''s home)'
            cand -v 'Print the request, status, timing and token usage on stderr'
            cand --verbose 'Print the request, status, timing and token usage on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand show 'Print a role as its file would be: the front matter, then the text'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oaichat;roles;show'= {
            cand --color 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given'
            cand --timeout 'Give up on a whole answer after this many seconds [default: 600]'
            cand --connect-timeout 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]'
            cand --max-retries 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them'
            cand --base-url 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]'
            cand --ca-cert 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way'
            cand -H 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --header 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --mcp 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything'''
            cand --env-file 'Read variables from this file instead of ./.env (never overriding the environment)'
            cand --config 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it'
            cand -p 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand --profile 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand -r 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --role 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --allow-insecure-http 'Allow sending the key over plain http:// to a host that is not this machine'
            cand --no-config 'Read no config file (for jobs that must not depend on a user''s home)'
            cand -v 'Print the request, status, timing and token usage on stderr'
            cand --verbose 'Print the request, status, timing and token usage on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'oaichat;roles;help'= {
            cand show 'Print a role as its file would be: the front matter, then the text'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oaichat;roles;help;show'= {
        }
        &'oaichat;roles;help;help'= {
        }
        &'oaichat;cache'= {
            cand --color 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given'
            cand --timeout 'Give up on a whole answer after this many seconds [default: 600]'
            cand --connect-timeout 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]'
            cand --max-retries 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them'
            cand --base-url 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]'
            cand --ca-cert 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way'
            cand -H 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --header 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --mcp 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything'''
            cand --env-file 'Read variables from this file instead of ./.env (never overriding the environment)'
            cand --config 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it'
            cand -p 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand --profile 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand -r 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --role 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --allow-insecure-http 'Allow sending the key over plain http:// to a host that is not this machine'
            cand --no-config 'Read no config file (for jobs that must not depend on a user''s home)'
            cand -v 'Print the request, status, timing and token usage on stderr'
            cand --verbose 'Print the request, status, timing and token usage on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand clear 'Remove every cached answer; says how many'
            cand path 'Print the cache''s folder (whether or not it exists yet), e.g. for a CI cache step'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oaichat;cache;clear'= {
            cand --color 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given'
            cand --timeout 'Give up on a whole answer after this many seconds [default: 600]'
            cand --connect-timeout 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]'
            cand --max-retries 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them'
            cand --base-url 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]'
            cand --ca-cert 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way'
            cand -H 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --header 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --mcp 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything'''
            cand --env-file 'Read variables from this file instead of ./.env (never overriding the environment)'
            cand --config 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it'
            cand -p 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand --profile 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand -r 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --role 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --allow-insecure-http 'Allow sending the key over plain http:// to a host that is not this machine'
            cand --no-config 'Read no config file (for jobs that must not depend on a user''s home)'
            cand -v 'Print the request, status, timing and token usage on stderr'
            cand --verbose 'Print the request, status, timing and token usage on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'oaichat;cache;path'= {
            cand --color 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given'
            cand --timeout 'Give up on a whole answer after this many seconds [default: 600]'
            cand --connect-timeout 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]'
            cand --max-retries 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them'
            cand --base-url 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]'
            cand --ca-cert 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way'
            cand -H 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --header 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --mcp 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything'''
            cand --env-file 'Read variables from this file instead of ./.env (never overriding the environment)'
            cand --config 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it'
            cand -p 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand --profile 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand -r 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --role 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --allow-insecure-http 'Allow sending the key over plain http:// to a host that is not this machine'
            cand --no-config 'Read no config file (for jobs that must not depend on a user''s home)'
            cand -v 'Print the request, status, timing and token usage on stderr'
            cand --verbose 'Print the request, status, timing and token usage on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'oaichat;cache;help'= {
            cand clear 'Remove every cached answer; says how many'
            cand path 'Print the cache''s folder (whether or not it exists yet), e.g. for a CI cache step'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oaichat;cache;help;clear'= {
        }
        &'oaichat;cache;help;path'= {
        }
        &'oaichat;cache;help;help'= {
        }
        &'oaichat;mcp'= {
            cand --color 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given'
            cand --timeout 'Give up on a whole answer after this many seconds [default: 600]'
            cand --connect-timeout 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]'
            cand --max-retries 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them'
            cand --base-url 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]'
            cand --ca-cert 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way'
            cand -H 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --header 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --mcp 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything'''
            cand --env-file 'Read variables from this file instead of ./.env (never overriding the environment)'
            cand --config 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it'
            cand -p 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand --profile 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand -r 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --role 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --allow-insecure-http 'Allow sending the key over plain http:// to a host that is not this machine'
            cand --no-config 'Read no config file (for jobs that must not depend on a user''s home)'
            cand -v 'Print the request, status, timing and token usage on stderr'
            cand --verbose 'Print the request, status, timing and token usage on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand list 'Start each server and print its tools with their descriptions (no key needed)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oaichat;mcp;list'= {
            cand --color 'Colour: auto (on a terminal), always or never. NO_COLOR turns it off and CLICOLOR_FORCE on, unless this flag is given'
            cand --timeout 'Give up on a whole answer after this many seconds [default: 600]'
            cand --connect-timeout 'Give up on connecting after this many seconds [default: 10], or on an MCP server that has not started and listed its tools [default: 30]'
            cand --max-retries 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them'
            cand --base-url 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]'
            cand --ca-cert 'Trust this CA certificate (PEM) too, e.g. a corporate proxy''s. $SSL_CERT_FILE works the same way'
            cand -H 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --header 'Send this header with every request, e.g. -H ''X-Team: search'' for a gateway (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an Authorization header'
            cand --mcp 'Start this MCP server (a command, split into words as a shell would, run without a shell) and offer its tools; repeatable, added to the config file''s [mcp.NAME] servers. Example: --mcp ''npx -y @modelcontextprotocol/server-everything'''
            cand --env-file 'Read variables from this file instead of ./.env (never overriding the environment)'
            cand --config 'Read defaults from this TOML file [default: $OAICHAT_CONFIG, else $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it'
            cand -p 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand --profile 'Use the config file''s [profiles.NAME]: its URL, key, headers and defaults [default: $OAICHAT_PROFILE, else the file''s default_profile]'
            cand -r 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --role 'Use a role: the system message and request defaults of roles/NAME.md next to the config file, or the built-in shell, code or explain-shell. -s adds to its text; flags beat its defaults. `oaichat roles` lists them'
            cand --allow-insecure-http 'Allow sending the key over plain http:// to a host that is not this machine'
            cand --no-config 'Read no config file (for jobs that must not depend on a user''s home)'
            cand -v 'Print the request, status, timing and token usage on stderr'
            cand --verbose 'Print the request, status, timing and token usage on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'oaichat;mcp;help'= {
            cand list 'Start each server and print its tools with their descriptions (no key needed)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oaichat;mcp;help;list'= {
        }
        &'oaichat;mcp;help;help'= {
        }
        &'oaichat;help'= {
            cand models 'List the models the API offers (GET /models), one id per line, sorted. Also the quickest check that a key works. With --raw, the API''s JSON'
            cand batch 'OpenAI''s Batch API: half the price, no local rate limits, results within 24 h'
            cand config 'Print the effective settings and where each came from (flag, env, .env, role, profile, file, default), the key redacted; or the config file''s path (--path), or open it in $VISUAL/$EDITOR (--edit)'
            cand roles 'The roles (-r NAME): each with where it comes from and its first line; `roles show NAME` prints one'
            cand cache 'The answers --cache keeps: `cache path` prints its folder, `cache clear` empties it'
            cand mcp 'MCP servers (--mcp, and [mcp.NAME] in the config file): `mcp list` starts each and prints its tools'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oaichat;help;models'= {
        }
        &'oaichat;help;batch'= {
            cand create 'Upload INPUT (--jsonl lines, or text lines with --each) as a batch; prints its id'
            cand status 'Print a batch''s status and counts (--raw: the batch object)'
            cand wait 'Wait until a batch finishes, with progress on stderr; non-zero unless it completed'
            cand results 'Print the results in input order, like line mode (--each: text lines; else JSON records; --raw adds each response)'
            cand cancel 'Cancel a batch'
            cand list 'List recent batches: id, status and counts, one per line'
        }
        &'oaichat;help;batch;create'= {
        }
        &'oaichat;help;batch;status'= {
        }
        &'oaichat;help;batch;wait'= {
        }
        &'oaichat;help;batch;results'= {
        }
        &'oaichat;help;batch;cancel'= {
        }
        &'oaichat;help;batch;list'= {
        }
        &'oaichat;help;config'= {
        }
        &'oaichat;help;roles'= {
            cand show 'Print a role as its file would be: the front matter, then the text'
        }
        &'oaichat;help;roles;show'= {
        }
        &'oaichat;help;cache'= {
            cand clear 'Remove every cached answer; says how many'
            cand path 'Print the cache''s folder (whether or not it exists yet), e.g. for a CI cache step'
        }
        &'oaichat;help;cache;clear'= {
        }
        &'oaichat;help;cache;path'= {
        }
        &'oaichat;help;mcp'= {
            cand list 'Start each server and print its tools with their descriptions (no key needed)'
        }
        &'oaichat;help;mcp;list'= {
        }
        &'oaichat;help;help'= {
        }
    ]
    $completions[$command]
}
