"""Learner programs started by trusted test code: wrapped in the sandbox, stopped with SIGTERM inside it."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

from grader.kinds.learner_programs import LearnerPrograms
from tests.grader.batch.helpers import needs_sandbox

# Writes where it may, then waits for SIGTERM and says it got it (in its writable folder).
PROGRAM = """\
import signal, sys, time
data = sys.argv[1]
def stop(*_):
    open(data + "/stopped", "w").write("SIGTERM")
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
open(data + "/started", "w").write("ok")
try:
    open(sys.argv[2], "w").write("escaped")
except OSError:
    pass
while True:
    time.sleep(0.05)
"""


def wait_for(path: Path) -> bool:
    deadline = time.monotonic() + 20
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return path.exists()


def test_a_sandboxed_program_writes_only_its_folder_and_gets_sigterm(tmp_path: Path) -> None:
    needs_sandbox()
    from grader.boundary.sandbox import open_sandbox

    code, data, escape = tmp_path / "code", tmp_path / "data", tmp_path / "escaped"
    code.mkdir()
    (code / "program.py").write_text(PROGRAM, "utf-8")
    programs = LearnerPrograms(open_sandbox())
    command = [sys.executable, "program.py", str(data), str(escape)]
    wrapped = programs.command(command, code, [data])
    assert wrapped[-len(command) :] == command and any(part.endswith("bwrap") for part in wrapped)
    code.chmod(0o755)
    (code / "program.py").chmod(0o644)
    process = subprocess.Popen(wrapped, cwd=code, start_new_session=True, stdin=subprocess.DEVNULL)
    try:
        assert wait_for(data / "started")
        programs.terminate(process.pid)
        assert process.wait(timeout=20) == 0  # the program exited on SIGTERM, and bwrap with it
    finally:
        process.kill()
    assert (data / "stopped").read_text("utf-8") == "SIGTERM"
    assert not escape.exists()


def test_without_a_sandbox_the_command_is_unchanged(tmp_path: Path) -> None:
    command = [sys.executable, "-c", "pass"]
    assert LearnerPrograms().command(command, tmp_path, [tmp_path / "data"]) == command


def test_a_worker_on_the_programs_modules_gets_no_network_and_one_writable_folder(tmp_path: Path) -> None:
    assert LearnerPrograms().worker_prefix(tmp_path, [tmp_path / "data"]) == []
    needs_sandbox()
    from grader.boundary.sandbox import open_sandbox

    data = tmp_path / "data"
    programs = LearnerPrograms(open_sandbox())
    worker = programs.worker_prefix(tmp_path, [data])
    program = programs.command([sys.executable], tmp_path, [data])
    assert any(part.endswith("bwrap") for part in worker) and data.is_dir()
    assert any(worker[i : i + 3] == ["--bind", str(data), str(data)] for i in range(len(worker)))
    # The worker has no network at all; the program keeps the run's own loopback.
    assert "--share-net" not in worker and ("--unshare-all" in worker or "--unshare-net" in worker)
    assert "--share-net" in program or "--unshare-net" not in program


IMPORTS = """\
import os


def can_import(name):
    try:
        __import__(name)
    except ImportError:
        return False
    return True


def can_see(folder):
    return os.path.isdir(folder)
"""


def test_a_sandboxed_worker_given_libraries_imports_them_but_not_the_hidden_suites(tmp_path: Path) -> None:
    needs_sandbox()
    from grader.boundary.remote import LearnerModule, LearnerSession
    from grader.boundary.sandbox import open_sandbox, prepare
    from grader.testkit import call

    code, data = tmp_path / "code", tmp_path / "data"
    code.mkdir()
    (code / "imports.py").write_text(IMPORTS, "utf-8")
    prepare(code)
    programs = LearnerPrograms(open_sandbox())
    packages = sysconfig.get_paths()["purelib"]
    # The base Python's folder is bound for every worker: packages installed there are always seen.
    always = packages.startswith(os.path.realpath(sys.base_prefix) + os.sep)
    for libraries in (False, True):
        prefix = programs.worker_prefix(code, [data], libraries=libraries)
        session = LearnerSession(code, ["imports"], 20.0, prefix=prefix, installed_packages=True)
        imports = LearnerModule(session, "imports")
        try:
            call(imports.can_see, packages).returns(libraries or always)
            if libraries:
                call(imports.can_import, "click").returns(True)  # the grader's own dependency
            call(imports.can_import, "grader.suites").returns(False)
        finally:
            session.close()
