"""The trusted side of the process boundary: start the worker and call into it.

Hidden suites see learner code only through :class:`LearnerModule`. Every call
crosses to the worker as plain data and comes back as plain data, a
:class:`RemoteObject` handle, or a learner exception rebuilt as its built-in
type. Nothing the learner returns can run code in this process.
"""

from __future__ import annotations

import builtins
import contextlib
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from grader import worker as wire
from grader.testkit import Call, describe_call

WORKER_SCRIPT = Path(wire.__file__).resolve()


class LearnerProblem(Exception):
    """Something went wrong on the learner's side of the boundary."""

    kind = "error"

    def __init__(self, summary: str, **detail: Any) -> None:
        super().__init__(summary)
        self.detail = {"kind": self.kind, "summary": summary, **detail}


class LearnerTimeout(LearnerProblem):
    kind = "timeout"


class LearnerCrash(LearnerProblem):
    kind = "crash"


class LearnerImportError(LearnerProblem):
    kind = "import_error"


class NotPlain(LearnerProblem):
    kind = "not_plain"


def kill_process_tree(process: subprocess.Popen[Any]) -> None:
    """Kill a process and, where the platform allows, its whole process group."""
    if process.poll() is None or os.name == "posix":
        try:
            if os.name == "posix":
                os.killpg(process.pid, signal.SIGKILL)
            else:
                process.kill()
        except (ProcessLookupError, PermissionError, OSError):
            pass
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)


class WorkerProcess:
    """One running worker: send a request, wait for its reply within a time limit."""

    def __init__(self, learner_dir: Path, memory_mb: int, pid_file: Path | None) -> None:
        command = [sys.executable, "-I", "-S", str(WORKER_SCRIPT), str(learner_dir), str(memory_mb)]
        self.stderr_path = learner_dir.parent / f"worker-stderr-{time.monotonic_ns()}.txt"
        with open(self.stderr_path, "wb") as stderr:
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                cwd=learner_dir,
                env=minimal_environment(),
                start_new_session=(os.name == "posix"),
            )
        if pid_file is not None:
            with open(pid_file, "a", encoding="ascii") as pids:
                pids.write(f"{self.process.pid}\n")
        self.replies: queue.Queue[bytes] = queue.Queue()
        threading.Thread(target=self._read_replies, daemon=True).start()

    def _read_replies(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.replies.put(line)
        self.replies.put(b"")

    def request(self, message: dict[str, Any], seconds: float) -> dict[str, Any]:
        """Send one request; raise LearnerTimeout or LearnerCrash when it goes wrong."""
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps(message).encode() + b"\n")
            self.process.stdin.flush()
            line = self.replies.get(timeout=max(seconds, 0.01))
        except queue.Empty:
            self.stop()
            raise LearnerTimeout(
                f"took longer than {seconds:g} s: is there a loop that never ends?", seconds=seconds
            ) from None
        except (BrokenPipeError, OSError):
            line = b""
        if not line:
            raise self._crashed()
        try:
            reply = json.loads(line)
        except ValueError:
            self.stop()
            raise LearnerCrash("sent back something unreadable") from None
        if not isinstance(reply, dict):
            raise LearnerCrash("sent back something unreadable")
        return reply

    def _crashed(self) -> LearnerCrash:
        self.stop()
        code = self.process.returncode
        tail = self.stderr_tail()
        if code is not None and code < 0:
            name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else str(-code)
            reason = f"was stopped by the operating system ({name})"
            advice = {
                "SIGSEGV": "very deep recursion can do this",
                "SIGBUS": "very deep recursion can do this",
                "SIGXCPU": "it used too much processor time",
            }.get(name, "it may have used too much memory or time")
        else:
            reason = f"ended the whole program (exit status {code})"
            advice = "functions should return, not exit"
        return LearnerCrash(f"{reason}: {advice}", reason=reason, stderr=tail)

    def stderr_tail(self, limit: int = 2000) -> str:
        try:
            data = self.stderr_path.read_bytes()
        except OSError:
            return ""
        return data[-limit:].decode("utf-8", "replace")

    def stop(self) -> None:
        kill_process_tree(self.process)


def minimal_environment() -> dict[str, str]:
    """Give learner code a small, predictable environment with none of ours in it."""
    keep = ("PATH", "SYSTEMROOT", "TEMP", "TMP", "LANG", "LC_ALL")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def rebuild_exception(info: dict[str, Any]) -> Exception:
    """Recreate a learner exception as its built-in type, tagged with where it came from.

    Only ``Exception`` subclasses are rebuilt as themselves: a learner's
    SystemExit or KeyboardInterrupt must not stop the trusted test process, so
    those come back as a plain Exception that still names the original type.
    """
    cls = getattr(builtins, str(info.get("builtin")), Exception)
    if not (isinstance(cls, type) and issubclass(cls, Exception)):
        cls = Exception
    try:
        error = cls(info.get("message", ""))
    except Exception:
        error = Exception(info.get("message", ""))
    error.learner_info = info  # type: ignore[attr-defined]
    return error


class MissingName(LearnerProblem):
    kind = "missing"


class LearnerSession:
    """The learner's code as seen from a test: a worker restarted whenever it must be."""

    def __init__(
        self,
        learner_dir: Path,
        modules: list[str],
        call_timeout: float,
        memory_mb: int = 1024,
        pid_file: Path | None = None,
    ) -> None:
        self.learner_dir = learner_dir
        self.modules = modules
        self.call_timeout = call_timeout
        self.memory_mb = memory_mb
        self.pid_file = pid_file
        self.deadline: float | None = None
        self.worker: WorkerProcess | None = None
        self.generation = 0
        # A file that cannot load fails every test the same way: remember why, once.
        self.load_problem: LearnerProblem | None = None
        self._loaded = False

    def start(self) -> None:
        """Start a fresh worker now so its start-up overlaps with pytest's."""
        if self.worker is None or self.worker.process.poll() is not None:
            self.worker = WorkerProcess(self.learner_dir, self.memory_mb, self.pid_file)
            self._loaded = False

    def close(self) -> None:
        if self.worker is not None:
            self.worker.stop()
        self.discard_worker()

    def discard_worker(self) -> None:
        """Forget the worker; objects it held are gone, and the next request starts afresh."""
        self.worker = None
        self.generation += 1

    def seconds_left(self) -> float:
        if self.deadline is None:
            return self.call_timeout
        return max(0.0, min(self.call_timeout, self.deadline - time.monotonic()))

    def _ensure_loaded(self) -> WorkerProcess:
        self.start()
        assert self.worker is not None
        if self.load_problem is not None:
            raise self.load_problem
        if not self._loaded:
            for module in self.modules:
                try:
                    reply = self._send(self.worker, {"op": "load", "module": module})
                except (LearnerTimeout, LearnerCrash) as problem:
                    self.load_problem = load_failure(module, problem)
                    raise self.load_problem from None
                if "error" in reply:
                    self.load_problem = import_problem(module, reply)
                    raise self.load_problem
            self._loaded = True
        return self.worker

    def _send(self, worker: WorkerProcess, message: dict[str, Any]) -> dict[str, Any]:
        try:
            return worker.request(message, self.seconds_left())
        except LearnerProblem:
            self.discard_worker()
            raise

    def request(self, message: dict[str, Any]) -> dict[str, Any]:
        """Send a request to a worker that has the learner's modules loaded."""
        return self._send(self._ensure_loaded(), message)

    def invoke(self, target: list[Any], label: str, args: tuple, kwargs: dict) -> Call:
        """Call a learner function or method and record everything about the call."""
        text = describe_call(label, args, kwargs)
        message = {
            "op": "call",
            "target": target,
            "args": wire.encode(args, ref=self.reference),
            "kwargs": wire.encode(kwargs, ref=self.reference),
        }
        try:
            reply = self.request(message)
        except LearnerProblem as problem:
            if problem.kind in ("timeout", "crash"):
                problem.detail["call"] = text
                problem.detail["summary"] = f"Called {text}; it {problem.detail['summary']}"
            raise
        record = Call(text=text, args_before=args, output=str(reply.get("output", "")))
        if reply.get("dropped"):
            record.output += f"\n... ({reply['dropped']} more characters of output were cut off)"
        if "missing" in reply:
            raise MissingName(missing_message(label, target), call=text)
        if "not_plain" in reply:
            raise NotPlain(
                f"Called {text}; the result is not plain data ({reply['not_plain']}). "
                "Return built-in values such as numbers, strings, lists and dicts.",
                call=text,
            )
        if "error" in reply:
            record.error = rebuild_exception(reply["error"])
            record.error.learner_info["call"] = text  # type: ignore[attr-defined]
            return record
        record.value = self.decode(reply.get("value"))
        if "args_after" in reply:
            record.args_after = tuple(self.decode(reply["args_after"]))
        return record

    def reference(self, value: Any) -> list[Any] | None:
        """Encode a handle this session gave out, so it can be passed back in."""
        if isinstance(value, RemoteObject) and value._session is self:
            value._check_alive()
            return ["ref", value._handle]
        return None

    def decode(self, data: Any) -> Any:
        generation = self.generation

        def make(tag: str, parts: list[Any]) -> RemoteObject:
            return RemoteObject(self, generation, int(parts[1]), str(parts[2]), str(parts[3]))

        return wire.decode(data, make)


def import_problem(module: str, reply: dict[str, Any]) -> LearnerImportError:
    """Explain why the learner's file could not be loaded."""
    info = reply["error"]
    where = next((f for f in reversed(info.get("frames", [])) if f["file"] == f"{module}.py"), None)
    place = f" (line {where['line']})" if where else ""
    if info["type"] in ("SyntaxError", "IndentationError", "TabError"):
        summary = f"Python could not read {module}.py{place}: {info['type']}: {info['message']}"
    elif info["builtin"] == "SystemExit":
        summary = f"{module}.py stopped the program while it was loading{place}; remove the exit() call"
    else:
        summary = f"{module}.py raised {info['type']} while it was loading{place}: {info['message']}"
    return LearnerImportError(summary, exception=info, output=str(reply.get("output", "")))


def load_failure(module: str, problem: LearnerProblem) -> LearnerImportError:
    """Explain a file that hung or ended the program while Python was loading it."""
    if isinstance(problem, LearnerTimeout):
        summary = (
            f"{module}.py took longer than {problem.detail['seconds']:g} s to load: is there a loop "
            "outside your functions that never ends?"
        )
    else:
        summary = (
            f"{module}.py {problem.detail.get('reason', 'stopped')} while it was loading: "
            "remove exit() calls and other code that runs outside your functions"
        )
    return LearnerImportError(summary, stderr=problem.detail.get("stderr", ""))


def missing_message(label: str, target: list[Any]) -> str:
    if target[0] == "module":
        return (
            f"Your file {target[1]}.py has no function or class called {label}: check the "
            "spelling, and that it is not indented inside another block"
        )
    return f"The object has no method or attribute called {target[2]}"


class RemoteFunction:
    """A learner function or method, called across the boundary."""

    def __init__(self, session: LearnerSession, target: list[Any], label: str) -> None:
        self._session = session
        self._target = target
        self._label = label

    def invoke(self, args: tuple, kwargs: dict) -> Call:
        return self._session.invoke(self._target, self._label, args, kwargs)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        record = self.invoke(args, kwargs)
        if record.error is not None:
            raise record.error
        return record.value

    def __repr__(self) -> str:
        return f"<learner function {self._label}>"


class RemoteObject:
    """A learner object that stays in the worker; only its methods' results cross."""

    def __init__(self, session: LearnerSession, generation: int, handle: int, type_name: str, text: str):
        self._session = session
        self._generation = generation
        self._handle = handle
        self._type_name = type_name
        self._text = text

    def _check_alive(self) -> None:
        if self._session.generation != self._generation:
            raise LearnerCrash(f"this {self._type_name} object was lost when an earlier call was stopped")

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        self._check_alive()
        target = ["handle", self._handle, name]
        reply = self._session.request({"op": "getattr", "target": target})
        if "missing" in reply:
            raise MissingName(f"Your {self._type_name} has no method or attribute called {name}")
        if "error" in reply:
            raise rebuild_exception(reply["error"])
        if reply.get("callable"):
            return RemoteFunction(self._session, target, f"{self._type_name}.{name}")
        return self._session.decode(reply.get("value"))

    def invoke(self, args: tuple, kwargs: dict) -> Call:
        self._check_alive()
        return self._session.invoke(["handle", self._handle, None], self._type_name, args, kwargs)

    def __repr__(self) -> str:
        return f"<{self._type_name} object from your code: {self._text}>"

    def __eq__(self, other: object) -> bool:
        return other is self  # never compared by value: the learner's __eq__ stays in the worker

    def __hash__(self) -> int:
        return hash((self._generation, self._handle))


class LearnerModule:
    """What a suite's ``learner`` fixture gives: ``learner.name`` is a remote function or class."""

    def __init__(self, session: LearnerSession, module: str) -> None:
        self._session = session
        self._module = module

    def __getattr__(self, name: str) -> RemoteFunction:
        if name.startswith("__"):
            raise AttributeError(name)
        return RemoteFunction(self._session, ["module", self._module, name], name)

    def module(self, name: str) -> LearnerModule:
        """Reach another of the exercise's graded modules."""
        return LearnerModule(self._session, name)
