"""Run learner code in its own process and answer calls with plain data only.

This file is executed directly (``python -I -S main.py LEARNER_DIR``), so it
imports nothing from the grader package: only the standard library. The
trusted test process sends one JSON request per line; the worker answers one
JSON line each. Values are encoded by :func:`encode` so that only plain data
with exact types ever crosses; anything else stays here behind a handle.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import io
import json
import os
import sys
import threading
import time

TYPE_CHECKING = False  # the worker starts on the learner's clock: no typing import (3 ms)
if TYPE_CHECKING:
    from typing import Any

OUTPUT_LIMIT = 20_000
# A reply larger than this is refused here, with a message; the trusted side refuses it too.
MAX_REPLY_BYTES = 16 * 1024 * 1024


LOADED: dict[str, Any] = {}  # each module beside this script is read and run once per worker


def load_wire(name: str = "wire") -> Any:
    """Load wire.py (or another module beside this script) by path: we run outside the package."""
    if name in LOADED:
        return LOADED[name]
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"grader_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    LOADED[name] = module
    return module


wire = load_wire()
kept_arguments = load_wire("kept_arguments")
pipe_reading = load_wire("pipe_reading")
stop_watch = load_wire("stop_watch")
NotPlainData = wire.NotPlainData
encode, decode = wire.encode, wire.decode


class Missing(Exception):
    """The learner's module or object has no attribute of the requested name."""


class BoundedOutput(io.TextIOBase):
    """Collect what learner code prints, keeping at most OUTPUT_LIMIT characters."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.kept = 0
        self.dropped = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        text = str(text)
        room = OUTPUT_LIMIT - self.kept
        self.parts.append(text[:room])
        self.kept += min(room, len(text))
        self.dropped += max(0, len(text) - room)
        return len(text)

    def text(self) -> str:
        return "".join(self.parts)


def describe_error(error: BaseException, learner_dir: str) -> dict[str, Any]:
    """Turn a learner exception into plain data (worker/errors.py, loaded when something went wrong)."""
    return load_wire("errors").describe_error(error, learner_dir, load_wire)


class Worker:
    """Hold the learner's modules and objects; serve one request at a time."""

    def __init__(self, learner_dir: str) -> None:
        self.learner_dir = learner_dir
        self.modules: dict[str, Any] = {}
        self.handles: dict[int, Any] = wire.Handles()  # one object, one handle
        self.held = kept_arguments.HeldArguments(wire)  # large arguments, sent once
        self.shared: Any = None  # see shared_values()
        self.outgoing: int | None = None
        # The watch thread writes a line too (where a call was stopped): one writer at a time.
        self.writing = threading.Lock()
        self.watch = stop_watch.StopWatch(learner_dir, self.send_line)

    def resolve(self, target: list[Any]) -> Any:
        kind, owner, name = target
        base = self.modules[owner] if kind == "module" else self.handles[int(owner)]
        if name is None:
            return base
        try:
            return getattr(base, name)
        except AttributeError:
            raise Missing(name) from None

    def handle(self, request: dict[str, Any]) -> dict[str, Any]:
        op = request["op"]
        if op == "load":
            self.modules[request["module"]] = importlib.import_module(request["module"])
            return {"value": None}
        if op == "measure":
            return self.measure(request)
        if op == "apply":
            return self.apply(request)
        if op in ("shared", "replace"):  # which parts a result shares; a suite's change replayed
            return self.shared_values().answer(request, lambda data: decode(data, self.lookup))
        if op == "getattr":
            found = self.resolve(request["target"])
            if callable(found):
                return {"callable": True}
            return {"value": encode(found, self.handles)}
        self.held.forget(request.get("forget"))
        if op in ("setattr", "delattr"):  # a plain suite's `cart.owner = "x"` or `del cart.owner`
            owner, name = self.handles[int(request["target"][1])], str(request["target"][2])
            value = (decode(request["value"], self.lookup),) if op == "setattr" else ()
            return {"value": (setattr if op == "setattr" else delattr)(owner, name, *value)}
        args = decode(request["args"], self.lookup)
        kwargs = decode(request["kwargs"], self.lookup)
        # Taken before the call, which may change the arguments (tests check that it does not).
        before = self.held.snapshot(args, kwargs)
        value = self.resolve(request["target"])(*args, **kwargs)
        reply = {"value": encode(value, self.handles)}
        if isinstance(value, (list, tuple, dict, set)):
            now = request.get("shared") is True
            reply.update(self.shared_values().note(request["target"], value, args, kwargs, now))
        if wire.all_unchanged(before):
            reply["args_same"] = True
        else:
            self.held.forget_values((*args, *kwargs.values()))
            with contextlib.suppress(NotPlainData):
                reply["args_after"] = encode(args, None)
        return reply

    def measure(self, request: dict[str, Any]) -> dict[str, Any]:
        """Count the steps of one call (grader/worker/step_counter.py, loaded by path on first use)."""
        args = decode(request["args"], self.lookup)
        kwargs = decode(request["kwargs"], self.lookup)
        function = self.resolve(request["target"])
        # Kept apart from self.modules, where a learner file may have any name.
        counter = getattr(self, "step_counter", None) or load_wire("step_counter")
        self.step_counter = counter
        return {"measured": counter.measure(function, args, kwargs, self.learner_dir, int(request["budget"]))}

    def apply(self, request: dict[str, Any]) -> dict[str, Any]:
        """A built-in operation on learner objects, as a plain suite applies it (worker/operations.py)."""
        args = decode(request["args"], self.lookup)
        found = load_wire("operations").apply(
            request["name"], args, lambda value: encode(value, self.handles), wire.plain_content
        )
        if found is None:
            raise Missing(request["name"])
        return found

    def shared_values(self) -> Any:
        """Returned values that are the learner's own state (worker/sharing.py, loaded on first use)."""
        if self.shared is None:
            self.shared = load_wire("sharing").SharedValues(self.resolve)
        return self.shared

    def lookup(self, tag: str, data: list[Any]) -> Any:
        """Rebuild what only the trusted side names: a handle, or a large argument sent once."""
        if tag == "keep" and len(data) == 3:
            return self.held.keep(int(data[1]), decode(data[2], self.lookup))
        if tag == "kept":
            return self.held.get(data[1])
        return self.handles[int(data[1])]

    def answer(self, request: Any) -> bytes:
        """Serve one request; return the reply as one JSON line."""
        output = BoundedOutput()
        sys.stdout = sys.stderr = output
        started = time.perf_counter()
        if request.get("op") in ("call", "measure"):
            self.watch.start(request.get("deadline"))
        try:
            reply = self.handle(request)
        except NotPlainData as error:
            reply = {"not_plain": str(error)}
        except kept_arguments.StaleArgument as stale:  # before any learner code ran
            reply = {"resend": stale.key}
        except Missing as error:
            reply = {"missing": str(error)}
        except BaseException as error:  # learner code may raise anything, even SystemExit
            reply = {"error": describe_error(error, self.learner_dir)}
        finally:
            self.watch.stop()
            sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
        if output.parts:
            reply["output"] = output.text()
            reply["dropped"] = output.dropped
        reply["seconds"] = round(time.perf_counter() - started, 6)
        reply["cpu"] = round(time.process_time(), 4)  # a call's limit counts the processor time it got
        try:
            data = json.dumps(reply, separators=(",", ":")).encode()  # compact: large values cross faster
        except (TypeError, ValueError, RecursionError):
            data = json.dumps({"not_plain": "the result could not be sent back"}).encode()
        if len(data) > MAX_REPLY_BYTES:
            megabytes = len(data) / 1024 / 1024
            message = f"the result is too large to check ({megabytes:.0f} MB as data; the limit is 16 MB)"
            data = json.dumps({"not_plain": message}).encode()
        return data + b"\n"

    def serve(self, incoming: int, outgoing: int) -> None:
        if os.name != "posix":  # no poll on Windows pipes: plain blocking reads
            lines: Any = os.fdopen(incoming, "rb")
        else:
            lines = pipe_reading.iter_lines(incoming)
        self.outgoing = outgoing
        # Said once the sandbox and this worker's own threads run, before any learner code: after
        # it, how the worker ends is the learner's doing (stderr can no longer pass for the host's).
        self.write(b'{"hello":1}\n')
        for line in lines:
            self.write(self.answer(json.loads(line)))

    def write(self, line: bytes) -> None:
        """Write one whole reply line to the trusted side."""
        data = memoryview(line)
        with self.writing:
            while data:
                data = data[os.write(self.outgoing, data) :]  # type: ignore[arg-type]

    def send_line(self, message: dict[str, Any]) -> None:
        """Send a line that is not a reply (the watch thread's word on where a call was stopped)."""
        if self.outgoing is not None:
            self.write(json.dumps(message).encode() + b"\n")


def watch_parent(parent: int) -> None:
    """Exit when the trusted process that started us is gone."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(3)


def main() -> None:
    learner_dir = os.path.abspath(sys.argv[1])
    memory_mb = int(sys.argv[2]) if len(sys.argv) > 2 else 1024
    # Protocol on private copies of stdin/stdout; the learner's prints, input()
    # and raw writes to fd 0/1 go elsewhere and cannot corrupt or forge replies.
    incoming = os.dup(0)
    outgoing = os.dup(1)
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    sys.stdin = io.StringIO("")
    threading.Thread(target=watch_parent, args=(os.getppid(),), daemon=True).start()
    # Appended, not prepended: a learner file named like a standard module never shadows it.
    sys.path.append(learner_dir)
    os.chdir(learner_dir)
    load_wire("limits").apply_limits(memory_mb)
    Worker(learner_dir).serve(incoming, outgoing)


if __name__ == "__main__":
    main()
