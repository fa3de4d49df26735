"""The pytest server's process: spawned, or forked from a starting check as `python -I` would be."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
import threading
import types
from pathlib import Path

import pytest

from grader.pipeline import server_process
from tests.grader.test_cli import grader_script, script_environment

COUNT_THREADS = threading.active_count
REPO = Path(__file__).resolve().parents[3]
needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="the pytest server forks")


@pytest.fixture
def no_early_server(monkeypatch: pytest.MonkeyPatch) -> list[server_process.ServerProcess]:
    servers: list[server_process.ServerProcess] = []
    monkeypatch.setattr(server_process, "_EARLY", servers)
    return servers


@needs_fork
def test_a_server_that_ended_is_not_taken(no_early_server: list[server_process.ServerProcess]) -> None:
    server_process.start_early()
    early = no_early_server[0]
    early.stdin.close()  # the server ends when its input closes
    assert early.wait(30) == 0
    assert server_process.take_early() is None
    assert no_early_server == []


@needs_fork
def test_a_server_process_waits_within_its_limit() -> None:
    process = server_process.spawn_server()
    try:
        assert process.poll() is None
        assert process.wait(0.05) is None  # still running: no status yet
    finally:
        process.stdin.close()
        assert process.wait() == 0
        process.stdout.close()


@pytest.fixture
def as_a_script(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Look like `grader` started as a script from a bin folder; return the rest of the path."""
    scripts = tmp_path / "bin"
    rest = [entry for entry in sys.path if entry and Path(entry).resolve() != Path.cwd().resolve()]
    monkeypatch.setattr(sys, "argv", [str(scripts / "grader"), "check", "x"])
    monkeypatch.setattr(sys, "path", [str(scripts), str(tmp_path / "from-pythonpath"), *rest])
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "from-pythonpath"))
    # As in a fresh `grader` process (both put back after): no pytest, and no thread left by other tests.
    monkeypatch.delitem(sys.modules, "_pytest")
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))  # a script has no spec
    return rest


def test_the_isolated_path_leaves_out_the_script_folder_and_pythonpath(as_a_script: list[str]) -> None:
    assert server_process.isolated_path() == as_a_script


def test_under_python_m_the_isolated_path_leaves_out_the_current_folder(
    as_a_script: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", [str(REPO / "grader" / "notebook" / "run.py")])
    monkeypatch.setitem(sys.modules, "__main__", importlib.import_module("grader.notebook.run"))
    sys.path[0] = str(tmp_path)
    assert server_process.isolated_path() == as_a_script


def test_no_fork_from_a_process_with_pytest_set_up(as_a_script: list[str]) -> None:
    sys.modules["_pytest"] = pytest  # any module will do: only its presence is looked at
    assert server_process.isolated_path() is None


def test_no_fork_from_a_process_not_started_as_a_script(
    as_a_script: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", ["-c"])
    assert server_process.isolated_path() is None


def test_no_fork_while_another_thread_runs(as_a_script: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threading, "active_count", COUNT_THREADS)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, args=(10,))
    other.start()
    try:
        assert server_process.isolated_path() is None
    finally:
        stop.set()
        other.join()


@pytest.mark.parametrize("flag", ["-O", "-W error"])
def test_no_fork_under_flags_a_fork_would_keep(flag: str) -> None:
    probe = "import sys; sys.path[0] = '/x'; sys.argv[0] = '/x/grader'; "
    probe += "import grader.pipeline.server_process as s; print(s.isolated_path())"
    command = [sys.executable, *flag.split(), "-c", probe]
    assert subprocess.run(command, capture_output=True, text=True, timeout=60).stdout == "None\n"


WRONG_LEAP_YEAR = "def leap_year(year):\n    return year % 4 == 0\n"
FAKE_PYTEST = "import pathlib\npathlib.Path(__file__).with_name('imported').touch()\nraise SystemExit(3)\n"


@needs_fork
@pytest.mark.parametrize("optimize", ["", "1"])
def test_a_check_server_ignores_what_the_learner_environment_sets(
    course_dir: Path, tmp_path: Path, suite_id_cache: Path, optimize: str
) -> None:
    # A pytest.py on PYTHONPATH must not stand in for pytest, nor PYTHONOPTIMIZE strip the suites' asserts.
    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / "pytest.py").write_text(FAKE_PYTEST, encoding="utf-8")
    shutil.copytree(fake, fake / "_pytest")
    env = script_environment(tmp_path, suite_id_cache, PYTHONPATH=str(fake), PYTHONOPTIMIZE=optimize)
    leap = course_dir / "exercises/01_basics/01_leap_year/leap_year.py"
    leap.write_text(WRONG_LEAP_YEAR, encoding="utf-8")
    command = [grader_script(), "--course", str(course_dir), "check", "leap-year"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Called leap_year(1900); got True, expected False" in result.stdout
    assert not (fake / "imported").exists()


@needs_fork
def test_a_server_starts_where_spawn_cannot_make_a_session(monkeypatch: pytest.MonkeyPatch) -> None:
    real_spawn = os.posix_spawn

    def no_sessions(*args: object, **options: object) -> int:
        if options.get("setsid"):
            raise NotImplementedError("setsid")
        return real_spawn(*args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "posix_spawn", no_sessions)
    process = server_process.spawn_server()
    assert os.getpgid(process.pid) == process.pid  # leads a group of its own, which kill_group stops
    process.stdin.close()
    assert process.wait(30) == 0
    process.stdout.close()


@needs_fork
@pytest.mark.parametrize("closed", [(0,), (1,), (2,), (0, 1, 2)], ids=["stdin", "stdout", "stderr", "all"])
def test_a_check_started_with_standard_streams_closed_still_grades(
    course_dir: Path, tmp_path: Path, suite_id_cache: Path, closed: tuple[int, ...]
) -> None:
    # `grader check <&-` once left the server's input on a pipe that was then closed: every check failed.
    leap = course_dir / "exercises/01_basics/01_leap_year/leap_year.py"
    shutil.copyfile(course_dir / "solutions/01_basics/01_leap_year/leap_year.py", leap)
    command = [grader_script(), "--course", str(course_dir), "check", "leap-year", "--json"]
    result = subprocess.run(
        command,
        env=script_environment(tmp_path, suite_id_cache),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        preexec_fn=lambda: [os.close(fd) for fd in closed],  # noqa: PLW1509 - nothing else runs yet
    )
    assert result.returncode == 0, result.stderr
    if 1 not in closed:
        assert '"status": "passed"' in result.stdout


def test_closed_standard_streams_are_filled_before_the_server_pipes_are_made() -> None:
    probe = "import os; from grader.pipeline.server_process import open_standard_fds\n"
    probe += "open_standard_fds(); print(min(os.pipe()), os.path.realpath('/proc/self/fd/0'))"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        stdout=subprocess.PIPE,
        text=True,
        timeout=60,
        preexec_fn=lambda: os.close(0),  # noqa: PLW1509 - nothing else runs yet
    )
    lowest, standard_input = result.stdout.split()
    assert int(lowest) >= 3 and standard_input == os.devnull


def test_a_server_that_cannot_start_early_is_left_to_the_run(
    monkeypatch: pytest.MonkeyPatch, no_early_server: list[server_process.ServerProcess]
) -> None:
    def out_of_processes(*args: object) -> server_process.ServerProcess:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(server_process, "spawn_server", out_of_processes)
    server_process.start_early()  # no traceback for the learner: the run starts (or reports) its own
    assert no_early_server == [] and server_process.take_early() is None
