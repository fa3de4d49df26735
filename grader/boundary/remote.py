"""The trusted side of the process boundary: start the worker and call into it.

Hidden suites see learner code only through :class:`LearnerModule`. Every call
crosses to the worker as plain data and comes back as plain data, a
:class:`RemoteObject` handle, or a learner exception rebuilt as its built-in
type. Nothing the learner returns can run code in this process.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from grader.boundary.call_history import CallHistory
from grader.boundary.learner_problems import (
    IMPORT_TIMEOUT,
    MissingName,
    NotPlain,
    import_problem,
    load_failure,
    missing_message,
    rebuild_exception,
)
from grader.boundary.object_uses import NO_FACE
from grader.boundary.process import LearnerCrash, LearnerProblem, LearnerTimeout, WorkerProcess, ignore_pid
from grader.boundary.remote_objects import LearnerModule, RemoteFunction, RemoteObject
from grader.boundary.run_queue import RunQueueWait
from grader.boundary.shared_values import SharedValues
from grader.boundary.stopped_calls import StoppedCalls
from grader.feedback.expectations import Call
from grader.worker import wire
from grader.worker.kept_arguments import SentArguments

__all__ = ["LearnerModule", "LearnerSession", "RemoteFunction", "RemoteObject", "MissingName"]


class LearnerSession:
    """The learner's code as seen from a test: a worker restarted whenever it must be."""

    def __init__(
        self,
        learner_dir: Path,
        modules: list[str],
        call_timeout: float,
        memory_mb: int = 1024,
        on_start: Callable[[int], None] = ignore_pid,
        prefix: Sequence[str] = (),
        import_timeout: float = IMPORT_TIMEOUT,
        installed_packages: bool = False,
    ) -> None:
        self.learner_dir = learner_dir
        self.prefix = tuple(prefix)
        self.installed_packages = installed_packages  # see WorkerProcess: off, the stdlib alone
        self.modules = modules
        self.call_timeout = call_timeout
        # Loading a file has its own limit: a memory-heavy import is slow without being wrong.
        self.import_timeout = import_timeout
        self.memory_mb = memory_mb
        self.on_start = on_start
        self.deadline: float | None = None  # the running test's end (time_test)
        self.test_seconds = 0.0
        self.test_wait: RunQueueWait | None = None
        self.worker: WorkerProcess | None = None
        self.generation = 0
        # A file that cannot load fails every test the same way: remember why, once.
        self.load_problem: LearnerProblem | None = None
        self._loaded = False
        self.objects: dict[int, RemoteObject] = {}  # this worker's objects: one object, one handle
        self.module_objects: list[RemoteObject] = []  # read from a module: read again after a restart
        self._rereading = False
        self.history = CallHistory()  # what each test did to each learner object
        self.sent = SentArguments(wire)  # large arguments the worker holds already
        self.shared = SharedValues(self.reference)  # returned values that are the learner's own state
        self.stopped = StoppedCalls(self)  # which calls ran out of time, and why

    def start(self) -> None:
        """Start a fresh worker now so its start-up overlaps with pytest's."""
        if self.worker is None or self.worker.process.poll() is not None:
            self.worker = WorkerProcess(
                self.learner_dir, self.memory_mb, self.on_start, self.prefix, self.installed_packages
            )
            self._loaded = False
            self.sent.clear()  # a new worker holds no argument sent to the last one
            self.shared.clear()

    def close(self) -> None:
        if self.worker is not None:
            self.worker.stop()
        self.discard_worker()

    def discard_worker(self) -> None:
        """Forget the worker; objects it held are gone, and the next request starts afresh."""
        self.worker = None
        self.generation += 1
        self.objects = {}

    def time_test(self, seconds: float | None) -> None:
        """Give the next test ``seconds`` in all (None: none runs), its waits for a processor not counted."""
        self.deadline = None if seconds is None else time.monotonic() + seconds
        self.test_seconds = seconds or 0.0
        self.test_wait = None
        if seconds is not None and self.load_problem is None:
            self.start()  # the test's first call would start it: its wait is counted from here
            self.test_wait = self.worker.run_queue_wait() if self.worker is not None else None

    def seconds_left(self, limit: float | None = None) -> float:
        limit = self.call_timeout if limit is None else limit
        if self.deadline is None:
            return limit
        left = self.deadline - time.monotonic()
        if left < limit and self.test_wait is not None:  # a busy machine's share is given back
            self.deadline += self.test_wait.grant(self.test_seconds)
            left = self.deadline - time.monotonic()
        return max(0.0, min(limit, left))

    def _ensure_loaded(self) -> WorkerProcess:
        self.start()
        assert self.worker is not None
        if self.load_problem is not None:
            # Raised again for every test: without a fresh traceback each raise would add
            # its frames to the last, and pytest's work on them grew with every test.
            raise self.load_problem.with_traceback(None)
        if not self._loaded:
            began = time.monotonic()
            for module in self.modules:
                if (problem := self._load(self.worker, module)) is not None:
                    self.load_problem = problem
                    raise problem
            self._loaded = True
            if self.deadline is not None:  # loading the files has its own limit: not the test's time
                self.deadline += time.monotonic() - began
                self.test_wait = self.worker.run_queue_wait()
        worker = self.worker
        self.shared.replay(lambda message: self._send(worker, message))  # the suite's changes first
        return worker

    def _load(self, worker: WorkerProcess, module: str) -> LearnerProblem | None:
        """Load one of the learner's files within the import limit, whatever is left of the test's time."""
        try:
            reply = self._deliver(worker, {"op": "load", "module": module}, self.import_timeout)
        except (LearnerTimeout, LearnerCrash) as problem:
            return load_failure(module, problem)
        return import_problem(module, reply) if "error" in reply else None

    def _send(self, worker: WorkerProcess, message: dict[str, Any], limit: float | None = None) -> Any:
        return self._deliver(worker, message, self.seconds_left(limit))

    def _deliver(self, worker: WorkerProcess, message: dict[str, Any], seconds: float) -> Any:
        try:
            return worker.request(message, seconds)
        except LearnerProblem:
            self.discard_worker()
            self.start()  # the next worker boots while this problem is judged and reported
            raise

    def request(self, message: dict[str, Any], limit: float | None = None) -> dict[str, Any]:
        """Send a request to a worker that has the learner's modules loaded."""
        return self._send(self._ensure_loaded(), message, limit)

    def invoke(self, target: list[Any], label: str, args: tuple, kwargs: dict, text: str = "") -> Call:
        """Call a learner function or method and record everything about the call."""
        text = text or self.history.call_text(self.generation, target, label, args, kwargs)
        known = self.stopped.known(label, args, kwargs)
        try:
            if known is not None:
                raise known
            reply = self.request_call(target, args, kwargs, self.stopped.limit(label))
        except LearnerProblem as problem:
            if problem is not known and problem.kind == "timeout":
                self.stopped.judge(problem, target, label, args, kwargs)
            if problem.kind in ("timeout", "crash"):
                problem.detail["call"] = text
                problem.detail["summary"] = f"Called {text}; it {problem.detail['summary']}"
            raise
        self.history.called(self.generation, target, args, kwargs)
        record = Call(text=text, args_before=args, output=str(reply.get("output", "")))
        record.dropped = dropped if type(dropped := reply.get("dropped")) is int else 0
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
        self.shared.note(record, reply, self.request)
        if isinstance(record.value, RemoteObject):
            self.history.created(record.value._key(), text)
        if reply.get("args_same") is True:
            record.args_after = args  # the worker found them serialised exactly as sent
        elif "args_after" in reply:
            after = self.decode(reply["args_after"])
            record.args_after = after if type(after) is tuple else ()
        return record

    def request_call(
        self, target: list[Any], args: tuple, kwargs: dict, limit: float | None = None
    ) -> dict[str, Any]:
        """Send a call; send again any large argument the worker no longer holds unchanged."""
        for _ in range(len(args) + len(kwargs) + 1):  # each resend drops one key: this ends
            worker = self._ensure_loaded()  # before encoding: a new worker holds no argument yet
            message = {"op": "call", "target": target, **self.sent.encode_call(args, kwargs, self.reference)}
            if self.shared.at_once:  # look for shared parts now: a plain suite may change the result
                message["shared"] = True
            reply = self._send(worker, message, limit)
            if "resend" not in reply:
                return reply
            self.sent.drop(reply["resend"])
        raise LearnerCrash("asked for the same arguments again and again")

    def reference(self, value: Any) -> dict[str, Any] | None:
        """Encode a handle this session gave out, so it can be passed back in."""
        if isinstance(value, RemoteObject) and value._session is self:
            value._check_alive()
            return {wire.TAG: "ref", "v": value._handle}
        return None

    def reread_module_objects(self) -> bool:
        """Read the module-level objects again from a restarted worker, so each keeps its one handle.

        Only when the new worker first hands out an object: ``sublist(...) is EQUAL``
        holds after a time-out as it does before. False when there was nothing to do.
        """
        stale = [found for found in self.module_objects if found._generation != self.generation]
        if not stale or self._rereading:
            return False
        self._rereading = True
        try:
            for found in stale:
                with contextlib.suppress(LearnerProblem):  # gone now: said when the test uses it
                    found._check_alive()
        finally:
            self._rereading = False
        return True

    def decode(self, data: Any) -> Any:
        generation = self.generation

        def make(tag: str, parts: list[Any]) -> RemoteObject:
            # [tag, number, type name, text] and, for an IntEnum member, the plain value it compares as.
            shape = [type(part) for part in parts[1:]] if tag == "handle" else []
            if shape[:3] != [int, str, str] or shape[3:] not in ([], [int], [float], [str]):
                raise ValueError("malformed handle")
            known = self.objects.get(parts[1])  # the objects of this worker (discarded with it)
            if known is None and generation and self.reread_module_objects():
                known = self.objects.get(parts[1])  # it may be an object a module holds (an enum member)
            if known is None:
                known = self.objects[parts[1]] = RemoteObject(self, generation, *parts[1:4])
                known._plain = parts[4] if len(parts) == 5 else NO_FACE
            known._text = str(parts[3])  # the object may have changed since it was last seen
            return known

        try:
            return wire.decode(data, make)
        except (ValueError, RecursionError):
            self.close()  # a worker that sends such things is not trusted with the next call
            raise LearnerCrash("sent back a value the grader cannot read") from None
