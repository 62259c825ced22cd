#!/usr/bin/env bash
# Measures oaichat against curl on a local OpenAI-compatible server (examples/bench_server.rs)
# and prints medians and ratios: start-up, a one-shot request, first-chunk latency, a
# 20,000-chunk stream, peak memory, a 10 MB prompt, token counting, and the binary size.
# Usage: scripts/bench.sh [RUNS]   (installs hyperfine from Debian's packages if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-50}
PORT=${BENCH_PORT:-18181}
URL="http://127.0.0.1:$PORT/v1"

if ! command -v hyperfine >/dev/null; then
  echo "installing hyperfine…" >&2
  (apt-get update -qq && apt-get install -y -qq hyperfine) >/dev/null
fi
[ -x /usr/bin/time ] || (apt-get update -qq && apt-get install -y -qq time) >/dev/null

cargo build --release --locked --quiet
cargo build --release --locked --quiet --example bench_server
BIN=target/release/oaichat
SERVER=target/release/examples/bench_server
"$SERVER" serve "$PORT" &
SERVER_PID=$!
WORK=$(mktemp -d)
trap 'kill $SERVER_PID 2>/dev/null; rm -rf "$WORK"' EXIT
sleep 0.3

export OPENAI_API_KEY=sk-bench OPENAI_BASE_URL="$URL"
unset HOME XDG_DATA_HOME # nothing saved: measure the request, not the conversation log
ONE='{"model":"bench","messages":[{"role":"user","content":"2020 World Series winner?"}]}'
STREAM='{"model":"bench-20000","messages":[{"role":"user","content":"long"}],"stream":true}'

# median of a hyperfine run, in milliseconds
median() { hyperfine -N --style none --warmup 5 --runs "$RUNS" --export-json "$WORK/h.json" "$@" >/dev/null 2>&1
  medians; }
# the same through a shell, for commands that redirect stdin (hyperfine subtracts the shell)
median_sh() { hyperfine --style none --warmup 3 --runs "$RUNS" --export-json "$WORK/h.json" "$@" >/dev/null 2>&1
  medians; }
medians() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(" ".join("%.2f" % (x["median"]*1000) for x in r))' "$WORK/h.json"; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1])/float(sys.argv[2]):.2f}')" "$1" "$2"; }
peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

read -r v_oai v_curl < <(median "$BIN --version" "curl --version")
read -r o_oai o_curl < <(median "$BIN --no-stdin --max-retries 0 hi" \
  "curl -s -X POST $URL/chat/completions -H 'Authorization: Bearer sk-bench' -H 'Content-Type: application/json' -d '$ONE'")
read -r s_oai s_curl < <(median "$BIN --stream --no-stdin -m bench-20000 long" \
  "curl -s -N -X POST $URL/chat/completions -H 'Authorization: Bearer sk-bench' -H 'Content-Type: application/json' -d '$STREAM'")
first_us=$("$SERVER" first-chunk "$BIN" "$RUNS")
# Rendering (issue 15): the same streams on a pseudo-terminal (util-linux script), rendered
# and not; a markdown answer (headings, lists, code highlighted) and the one-line words.
on_pty() { echo "script -qec '$BIN --stream --no-stdin $*' /dev/null"; }
read -r md_plain md_render < <(median "$(on_pty --render never -m bench-md-20000 long)" \
  "$(on_pty -m bench-md-20000 long)")
read -r w_plain w_render < <(median "$(on_pty --render never -m bench-20000 long)" \
  "$(on_pty -m bench-20000 long)")
# The same one-shot request with its settings from a config file and a profile (issue 12).
cat > "$WORK/config.toml" <<TOML
model = "bench"
temperature = 0.3
max_retries = 0
[profiles.bench]
base_url = "$URL"
api_key = "sk-bench"
headers = { "X-Team" = "bench" }
[profiles.other]
base_url = "https://gateway.example.com/v1"
api_key_cmd = "pass show nothing"
TOML
read -r o_plain o_config < <(median "$BIN --no-config --no-stdin --max-retries 0 -m bench -t 0.3 hi" \
  "$BIN --config $WORK/config.toml -p bench --no-stdin hi")

rss_one_oai=$(peak_kb "$BIN" --no-stdin hi)
rss_one_curl=$(peak_kb curl -s -X POST "$URL/chat/completions" -H "Authorization: Bearer sk-bench" -d "$ONE")
rss_s_oai=$(peak_kb "$BIN" --stream --no-stdin -m bench-20000 long)
rss_s2_oai=$(peak_kb "$BIN" --stream --no-stdin -m bench-80000 long)
rss_s_curl=$(peak_kb curl -s -N -X POST "$URL/chat/completions" -H "Authorization: Bearer sk-bench" -d "$STREAM")

python3 -c 'import random,string; random.seed(1); w=["".join(random.choices(string.ascii_lowercase,k=random.randint(2,9))) for _ in range(5000)]; open("'"$WORK"'/big.txt","w").write(" ".join(random.choice(w) for _ in range(1_500_000))[:10_000_000])'
rss_big=$(/usr/bin/time -f %M "$BIN" -m bench < "$WORK/big.txt" 2>&1 >/dev/null | tail -1)

# Token counts (issue 13): a short prompt, and 1 MB of words that repeat, as prose does,
# and of words that never do, where no count can be remembered. gpt-4.1's window takes 1 MB.
read -r t_short < <(median "$BIN --dry-run --no-stdin -m gpt-4o hello")
head -c 1000000 "$WORK/big.txt" > "$WORK/1m.txt"
python3 -c 'import random,string; random.seed(2); print(" ".join("".join(random.choices(string.ascii_lowercase,k=random.randint(2,9))) for _ in range(180_000))[:1_000_000], end="")' > "$WORK/1m-unique.txt"
read -r t_1m t_1m_unique < <(median_sh "$BIN --dry-run -m gpt-4.1 < $WORK/1m.txt" "$BIN --dry-run -m gpt-4.1 < $WORK/1m-unique.txt")
size=$(stat -c %s "$BIN")

printf '\noaichat vs curl, medians of %s runs, %s\n' "$RUNS" "$(date -u +%F)"
printf '| measure | oaichat | curl | ratio |\n| --- | --- | --- | --- |\n'
printf '| --version | %s ms | %s ms | %s |\n' "$v_oai" "$v_curl" "$(ratio "$v_oai" "$v_curl")"
printf '| one-shot request | %s ms | %s ms | %s |\n' "$o_oai" "$o_curl" "$(ratio "$o_oai" "$o_curl")"
printf '| one-shot: no config file / config file + profile | %s / %s ms | | %s |\n' "$o_plain" "$o_config" "$(ratio "$o_config" "$o_plain")"
printf '| 20,000-chunk stream to /dev/null | %s ms | %s ms | %s |\n' "$s_oai" "$s_curl" "$(ratio "$s_oai" "$s_curl")"
printf '| 20,000-chunk markdown on a pty: plain / rendered | %s / %s ms | | %s |\n' "$md_plain" "$md_render" "$(ratio "$md_render" "$md_plain")"
printf '| 20,000-chunk words on a pty: plain / rendered | %s / %s ms | | %s |\n' "$w_plain" "$w_render" "$(ratio "$w_render" "$w_plain")"
printf '| first chunk: server write → stdout pipe | %s µs | | |\n' "$first_us"
printf '| peak RSS, one-shot | %s KB | %s KB | %s |\n' "$rss_one_oai" "$rss_one_curl" "$(ratio "$rss_one_oai" "$rss_one_curl")"
printf '| peak RSS, 20,000 / 80,000 chunks | %s / %s KB | %s KB | %s |\n' "$rss_s_oai" "$rss_s2_oai" "$rss_s_curl" "$(ratio "$rss_s_oai" "$rss_s_curl")"
printf '| peak RSS, 10 MB prompt on stdin | %s KB | | %s × input |\n' "$rss_big" "$(ratio "$rss_big" 9766)"
printf '| --dry-run -m gpt-4o hello (counts its tokens) | %s ms | | |\n' "$t_short"
printf '| --dry-run, 1 MB prompt: words that repeat / never repeat | %s / %s ms | | |\n' "$t_1m" "$t_1m_unique"
printf '| release binary | %s bytes | | |\n' "$size"
