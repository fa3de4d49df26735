"""The capstone suite's warm parent and spare servers run the learner's module as ``python -m`` would.

Neither lingers, and the warm parent tells a forked server's end as ``subprocess.Popen`` would.
"""

from __future__ import annotations

import importlib
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SUITE = Path(__file__).resolve().parents[3] / "grader" / "suites" / "projects" / "task-api"
MODULES = ("_spares", "_warm_parent", "_files", "_server", "_http", "_deploy")
STARTERS = ("spares", "warm parent")

# A learner's package that reports how it was run, then exits with the code it is given.
PROBE = """\
import os, sys
print("argv", sys.argv[1:])
print("cwd", os.getcwd())
print("path0", sys.path[0])
print("stdin", repr(sys.stdin.read()))
print("imported before", sorted(n for n in sys.modules if n.startswith("probe.")))
print("setting", os.environ.get("TASKAPI_LOG_LEVEL"))
sys.stdout.flush()
raise SystemExit(int(sys.argv[1]))
"""
CRASH = "raise RuntimeError('learner bug')\n"


@pytest.fixture
def suite() -> Iterator[dict[str, ModuleType]]:
    """The suite's helper modules, imported as the suite imports them."""
    sys.path.insert(0, str(SUITE))
    try:
        yield {name: importlib.import_module(name) for name in MODULES}
    finally:
        sys.path.remove(str(SUITE))
        for name in MODULES:
            sys.modules.pop(name, None)


def project(tmp_path: Path, main: str) -> Path:
    folder = tmp_path / "project"
    (folder / "probe").mkdir(parents=True)
    (folder / "probe" / "__init__.py").write_text("", "utf-8")
    (folder / "probe" / "__main__.py").write_text(main, "utf-8")
    return folder


class Factory:
    """pytest's temporary folder factory, as far as ServerFiles uses it."""

    def __init__(self, base: Path) -> None:
        self.base = base

    def mktemp(self, name: str) -> Path:
        made = self.base / name
        made.mkdir(parents=True)
        return made


def finished(proc: subprocess.Popen[bytes]) -> int:
    return proc.wait(timeout=60)


def starter(kind: str, suite: dict[str, ModuleType], folder: Path, root: Path) -> Any:
    """Spares (as in a batch's sandbox) or the warm parent (a learner's own check) for ``folder``."""
    if kind == "spares":
        return suite["_spares"].Spares(folder, root)
    return suite["_warm_parent"].WarmParent(folder)


@pytest.mark.parametrize("kind", STARTERS)
def test_a_start_runs_the_module_like_python_m(
    tmp_path: Path, suite: dict[str, ModuleType], kind: str
) -> None:
    folder = project(tmp_path, PROBE)
    root = tmp_path / "files"
    root.mkdir()
    starts = starter(kind, suite, folder, root)
    try:
        proc = starts.start(
            "probe", ["3", "--db", "x.db"], root / "server.log", {"TASKAPI_LOG_LEVEL": "debug"}
        )
        assert proc is not None
        assert finished(proc) == 3
        assert proc.returncode == 3 and proc.poll() == 3
    finally:
        starts.close()
    argv, cwd, path0, stdin, imported, setting = (root / "server.log").read_text("utf-8").splitlines()
    assert argv == "argv ['3', '--db', 'x.db']"
    assert cwd == f"cwd {folder}"
    # The project folder comes first on sys.path ('' is the working folder, as for -c).
    assert (folder / path0.removeprefix("path0 ")).resolve() == folder.resolve()
    assert stdin == "stdin ''"  # not the pipe its start came on
    assert imported == "imported before []"
    assert setting == "setting debug"  # a milestone-12 setting, as ``env NAME=VALUE python -m`` gives it


@pytest.mark.parametrize("kind", STARTERS)
def test_a_crash_shows_only_the_learners_frames(
    tmp_path: Path, suite: dict[str, ModuleType], kind: str
) -> None:
    folder = project(tmp_path, CRASH)
    starts = starter(kind, suite, folder, tmp_path)
    try:
        proc = starts.start("probe", [], tmp_path / "server.log")
        assert proc is not None
        assert finished(proc) == 1
    finally:
        starts.close()
    shown = suite["_server"].own_frames((tmp_path / "server.log").read_text("utf-8"))
    assert "probe/__main__.py" in shown
    assert "RuntimeError: learner bug" in shown
    assert 'File "<string>"' not in shown  # the starter's own program is not the learner's


# A server that runs until it is signalled, with a thread and an atexit hook a real exit would honour.
SERVING = """\
import atexit, signal, sys, threading, time
stop = threading.Event()
signal.signal(signal.SIGTERM, lambda *_: stop.set())
atexit.register(lambda: print("atexit ran", flush=True))
def finish():
    stop.wait(30)
    time.sleep(0.2)
    print("thread finished", flush=True)
threading.Thread(target=finish).start()
print("serving", flush=True)
stop.wait(30)
"""


def test_a_forked_server_is_signalled_and_ends_as_a_fresh_interpreter_would(
    tmp_path: Path, suite: dict[str, ModuleType]
) -> None:
    folder = project(tmp_path, SERVING)
    spawned: list[int] = []
    parent = suite["_warm_parent"].WarmParent(folder, spawned.append)
    log = tmp_path / "server.log"
    try:
        proc = parent.start("probe", [], log)
        assert proc is not None and spawned == [proc.pid]
        assert suite["_deploy"].wait_for(lambda: log.exists() and "serving" in log.read_text("utf-8"), 30.0)
        assert proc.poll() is None
        with pytest.raises(subprocess.TimeoutExpired):
            proc.wait(timeout=0.05)
        os.killpg(proc.pid, signal.SIGTERM)  # its own session: the suite signals its group
        assert finished(proc) == 0
    finally:
        parent.close()
    assert log.read_text("utf-8").splitlines() == ["serving", "thread finished", "atexit ran"]


def test_the_warm_parent_never_imports_the_learners_code(
    tmp_path: Path, suite: dict[str, ModuleType]
) -> None:
    folder = project(tmp_path, PROBE)
    (folder / "fastapi.py").write_text("open('shadowed', 'w').write('learner code ran')\n", "utf-8")
    parent = suite["_warm_parent"].WarmParent(folder)
    try:
        proc = parent.start("probe", ["0"], tmp_path / "server.log")
        assert proc is not None and finished(proc) == 0
    finally:
        parent.close()
    assert not (folder / "shadowed").exists()  # the real framework was imported, not the learner's file
    assert parent.proc.poll() is not None  # closed: nothing of it lingers


def test_a_dead_spare_is_replaced_and_waiting_ones_are_killed(
    tmp_path: Path, suite: dict[str, ModuleType]
) -> None:
    folder = project(tmp_path, PROBE)
    spares = suite["_spares"].Spares(folder, tmp_path, keep=2)
    spares.refill()
    waiting = list(spares.waiting)
    assert len(waiting) == 2
    suite["_spares"].kill(waiting[0])
    try:
        proc = spares.start("probe", ["0"], tmp_path / "server.log")
        assert proc is waiting[1]
        assert finished(proc) == 0
        spares.refill()
        assert len(spares.waiting) == 2
    finally:
        spares.close()
    assert spares.waiting == []
    assert all(spare.poll() is not None for spare in waiting)


def test_spares_take_only_starts_whose_files_they_may_write(
    tmp_path: Path, suite: dict[str, ModuleType]
) -> None:
    spares = suite["_spares"].Spares(tmp_path, tmp_path / "root")
    assert spares.covers(tmp_path / "root" / "own-1", tmp_path / "root" / "own-1" / "server.log")
    assert not spares.covers(tmp_path / "root" / "a", tmp_path / "elsewhere" / "server.log")


def test_readiness_polls_start_often_and_slow_down(suite: dict[str, ModuleType]) -> None:
    pauses = list(suite["_server"].poll_pauses())
    assert pauses[:5] == [0.005, 0.01, 0.02, 0.04, 0.05]
    assert sum(pauses) >= suite["_server"].START_TIMEOUT  # the limit, not the polls, ends a start


def test_server_files_are_fresh_folders_under_one_root(tmp_path: Path, suite: dict[str, ModuleType]) -> None:
    files = suite["_files"].ServerFiles.make(Factory(tmp_path / "pytest"), None)
    first, second = files.folder("own"), files.folder("own")
    assert first != second
    assert first.parent == second.parent == files.root
    assert list(first.iterdir()) == []


def test_sandboxed_server_folders_are_writable_to_the_slot(
    tmp_path: Path, suite: dict[str, ModuleType]
) -> None:
    class Sandboxed:
        sandbox = object()

    files = suite["_files"].ServerFiles.make(Factory(tmp_path / "pytest"), Sandboxed())
    assert files.root.is_relative_to(tmp_path / "pytest")
    assert files.folder("own").stat().st_mode & 0o777 == 0o777  # the slot's uid writes there


def test_no_spare_is_made_for_a_start_that_will_not_come(
    tmp_path: Path, suite: dict[str, ModuleType]
) -> None:
    folder = project(tmp_path, PROBE)
    spares = suite["_spares"].Spares(folder, tmp_path, keep=2)
    spares.expected = 2  # the shared server and one more
    try:
        proc = spares.start("probe", ["0"], tmp_path / "first.log")
        assert proc is not None and finished(proc) == 0
        spares.refill()
        assert len(spares.waiting) == 1
        proc = spares.start("probe", ["0"], tmp_path / "second.log")
        assert proc is not None and finished(proc) == 0
        spares.refill()
        assert spares.waiting == []
    finally:
        spares.close()


@pytest.mark.parametrize("kind", STARTERS)
def test_starts_from_several_threads_each_get_their_own_server(
    tmp_path: Path, suite: dict[str, ModuleType], kind: str
) -> None:
    """Scenes start servers on threads of their own: no start may be handed another's process."""
    folder = project(tmp_path, PROBE)
    starts = starter(kind, suite, folder, tmp_path)
    got: dict[int, Any] = {}

    def start(number: int) -> None:
        got[number] = starts.start("probe", [str(number)], tmp_path / f"server-{number}.log")

    threads = [threading.Thread(target=start, args=(n,)) for n in range(1, 7)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        codes = {number: proc is not None and finished(proc) for number, proc in got.items()}
    finally:
        starts.close()
    assert codes == {n: n for n in range(1, 7)}
    for number in range(1, 7):
        assert f"argv ['{number}']" in (tmp_path / f"server-{number}.log").read_text("utf-8")
