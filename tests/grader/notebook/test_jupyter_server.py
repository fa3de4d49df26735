"""Through a real Jupyter server (which JupyterLab and Notebook 7 use): the kernel knows its notebook."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from jupyter_client import BlockingKernelClient

from grader.notebook.kernel import FEEDBACK_MIME

TOKEN = "test-token"
NOTEBOOK = "notebooks/01_control_flow.ipynb"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def api(port: int, path: str, body: dict[str, Any] | None = None) -> Any:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/{path}?token={TOKEN}",
        method="POST" if body is not None else "GET",
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json"},
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only
    with opener.open(request, timeout=30) as response:
        return json.load(response)


def wait_for_server(port: int, server: subprocess.Popen[bytes]) -> None:
    for _ in range(120):
        if server.poll() is not None:
            raise AssertionError(f"jupyter server exited with {server.returncode}")
        try:
            api(port, "status")
            return
        except OSError:
            time.sleep(0.5)
    raise AssertionError("jupyter server did not start in 60 s")


def test_an_edit_saved_after_the_run_is_noticed_through_the_server(
    real_course_dir: Path, tmp_path: Path
) -> None:
    port, runtime = free_port(), tmp_path / "runtime"
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(runtime))
    command = [sys.executable, "-m", "jupyter", "server", "--no-browser", "--allow-root", "--ip=127.0.0.1"]
    command += [
        f"--port={port}",
        f"--IdentityProvider.token={TOKEN}",
        f"--ServerApp.root_dir={real_course_dir}",
    ]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_server(port, server)
        body = {
            "path": NOTEBOOK,
            "type": "notebook",
            "name": Path(NOTEBOOK).name,
            "kernel": {"name": "python3"},
        }
        kernel_id = api(port, "sessions", body)["kernel"]["id"]
        client = BlockingKernelClient(connection_file=str(runtime / f"kernel-{kernel_id}.json"))
        client.load_connection_file()
        # No heartbeat channel: on a busy machine a beat missed for a second read as a dead
        # kernel ("Kernel died before replying"); the kernel's own reply, bounded below, says it lives.
        client.start_channels(hb=False)
        try:
            # Until the kernel answers, iopub may not be subscribed and the first reply is lost.
            client.wait_for_ready(timeout=120)
            outputs = run_check_after_a_later_save(client, real_course_dir / NOTEBOOK)
        finally:
            client.stop_channels()
    finally:
        server.terminate()
        server.wait(30)
    feedback = [out for out in outputs if FEEDBACK_MIME in out]
    assert len(feedback) == 1 and feedback[0][FEEDBACK_MIME]["status"] == "failed"
    assert "You edited the leap_year.py cell but did not run it" in feedback[0]["text/html"]


def run_check_after_a_later_save(client: BlockingKernelClient, notebook: Path) -> list[dict[str, Any]]:
    """Run a wrong leap_year, then let the saved notebook (still the starter) be newer, then check."""
    outputs: list[dict[str, Any]] = []

    def keep(message: dict[str, Any]) -> None:
        if "data" in message.get("content", {}):
            outputs.append(message["content"]["data"])

    client.execute_interactive("from grader.notebook import check", timeout=120)
    client.execute_interactive(
        "# exercise: leap-year | file: leap_year.py\ndef leap_year(year):\n    return year % 4 == 0\n",
        timeout=60,
    )
    time.sleep(1.5)  # the autosave comes after the run
    os.utime(notebook)
    client.execute_interactive("check('leap-year')", timeout=180, output_hook=keep)
    return outputs
