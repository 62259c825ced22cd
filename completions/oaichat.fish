complete -c oaichat -s f -l file -d 'Add a file\'s text to the prompt, like stdin (repeatable). With -f, stdin is read only when `-` is given' -r -F
complete -c oaichat -s m -l model -d 'Model ID [default: $OPENAI_MODEL, else gpt-4o-mini]' -r
complete -c oaichat -s s -l system -d 'System message: how the model should behave' -r
complete -c oaichat -l system-file -d 'Read the system message from a file' -r -F
complete -c oaichat -s t -l temperature -d 'Sampling temperature, 0 to 2: lower is more focused, higher more random' -r
complete -c oaichat -l top-p -d 'Nucleus sampling, 0 to 1: only the tokens in the top P probability mass' -r
complete -c oaichat -l max-tokens -d 'Upper bound on the tokens in the answer (sent as `max_tokens`)' -r
complete -c oaichat -s n -d 'Number of answers to generate (printed separated by a line `---`)' -r
complete -c oaichat -l stop -d 'Stop generating at this text (repeatable, at most 4)' -r
complete -c oaichat -l seed -d 'Ask for deterministic sampling with this seed (best effort)' -r
complete -c oaichat -l frequency-penalty -d 'Penalise tokens by how often they appeared, -2 to 2' -r
complete -c oaichat -l presence-penalty -d 'Penalise tokens that appeared at all, -2 to 2' -r
complete -c oaichat -l timeout -d 'Give up on a whole answer after this many seconds [default: 600]' -r
complete -c oaichat -l connect-timeout -d 'Give up on connecting after this many seconds [default: 10]' -r
complete -c oaichat -l idle-timeout -d 'With --stream, give up when the server is silent this long [default: 120]' -r
complete -c oaichat -l max-retries -d 'Retries on connection errors, timeouts, 408, 409, 429 and 5xx [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them' -r
complete -c oaichat -l base-url -d 'API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]' -r
complete -c oaichat -l ca-cert -d 'Trust this CA certificate (PEM) too, e.g. a corporate proxy\'s. $SSL_CERT_FILE works the same way' -r -F
complete -c oaichat -l env-file -d 'Read variables from this file instead of ./.env (never overriding the environment)' -r -F
complete -c oaichat -l no-stdin -d 'Never read stdin, even when it is a pipe (for CI jobs that leave stdin open)'
complete -c oaichat -l json -d 'JSON mode: the answer is one JSON object, checked to parse'
complete -c oaichat -l stream -d 'Print the answer as it is generated'
complete -c oaichat -l raw -d 'Print the API\'s JSON instead of the text (one object per line with --stream)'
complete -c oaichat -l allow-insecure-http -d 'Allow sending the key over plain http:// to a host that is not this machine'
complete -c oaichat -s v -l verbose -d 'Print the request, status, timing and token usage on stderr'
complete -c oaichat -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oaichat -s V -l version -d 'Print version'
