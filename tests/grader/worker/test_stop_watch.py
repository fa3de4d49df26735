"""The worker's watch thread: where a call was just before its limit, and the loop it was in."""

from __future__ import annotations

import ast
import contextlib
import importlib.util
import signal
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from grader.worker import loop_evidence
from grader.worker.loop_evidence import (
    enclosing_loop,
    frame_state,
    frame_variables,
    never_changes,
    plain_items,
)
from grader.worker.stop_watch import StopWatch

LOOPS = """\
def stuck(numbers, target):
    low, high = 0, len(numbers)
    while low < high:
        middle = (low + high) // 2
        if numbers[middle] < target:
            low = middle
        else:
            high = middle
    return low


def counting(limit):
    count = 0
    while count < limit:
        count += 1
    return count
"""


def load(folder: Path) -> ModuleType:
    path = folder / "loops.py"
    path.write_text(LOOPS, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("loops", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def watched(folder: Path, function: Any, *args: Any, seconds: float = 0.6) -> list[dict[str, Any]]:
    """Run ``function`` under a watch whose limit is ``seconds``; what the watch sent."""
    sent: list[dict[str, Any]] = []
    watch = StopWatch(str(folder), sent.append, loop_evidence)
    watch.start(time.monotonic() + seconds)
    function(*args)
    watch.stop()
    return sent


def test_the_innermost_loop_holding_a_line_is_found(tmp_path: Path) -> None:
    load(tmp_path)
    loop = enclosing_loop(str(tmp_path / "loops.py"), 6)
    assert (loop.lineno, type(loop).__name__) == (3, "While")
    assert enclosing_loop(str(tmp_path / "loops.py"), 2) is None


def test_a_loop_whose_condition_never_changes_is_named_with_its_values(tmp_path: Path) -> None:
    loops = load(tmp_path)
    stop_after = time.monotonic() + 1.0

    def stuck_for_a_second() -> None:
        # The learner's loop goes round in one frame until after the watch's last look.
        with contextlib.suppress(TimeoutError):
            run_with_timeout(loops.stuck, [1, 3, 5, 7, 9], 7, stop_after)

    sent = watched(tmp_path, stuck_for_a_second)
    assert len(sent) == 1
    where = sent[0]["where"]
    assert where["file"] == "loops.py"
    assert where["function"] == "stuck"
    assert where["loop"]["code"] == "while low < high:"
    assert where["loop"]["unchanged"] == {"high": "3", "low": "2"}


def test_a_loop_that_moves_on_is_never_said_to_be_unchanged(tmp_path: Path) -> None:
    loops = load(tmp_path)
    sent = watched(tmp_path, loops.counting, 3_000_000, seconds=0.3)
    if sent:  # on a fast machine the loop may end before the last look
        assert sent[0]["where"]["loop"]["code"] == "while count < limit:"
        assert "unchanged" not in sent[0]["where"]["loop"]


def test_a_call_that_ends_first_sends_nothing(tmp_path: Path) -> None:
    loops = load(tmp_path)
    assert watched(tmp_path, loops.counting, 10) == []


def run_with_timeout(function: Any, numbers: list[int], target: int, until: float) -> None:
    """Run a learner loop that never ends, stopping it from inside with a trace at ``until``."""

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        if time.monotonic() > until:
            raise TimeoutError
        return tracer

    sys.settrace(tracer)
    try:
        function(numbers, target)
    finally:
        sys.settrace(None)


def first_while(source: str) -> ast.While:
    return next(node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.While))


def test_a_loop_is_certain_never_to_end_only_when_nothing_in_it_can_change_or_leave_it() -> None:
    forgets_to_count = "while number <= n:\n    said.append(str(number))\n"
    assert never_changes(first_while(forgets_to_count), {"number", "n"})
    moves_the_bounds = "while low < high:\n    middle = (low + high) // 2\n    low = middle\n"
    assert not never_changes(first_while(moves_the_bounds), {"low", "high"})
    breaks_out = "while number <= n:\n    if said:\n        break\n"
    assert not never_changes(first_while(breaks_out), {"number", "n"})
    asks_a_function = "while len(said) < n:\n    said.append(1)\n"
    assert not never_changes(first_while(asks_a_function), {"len", "said", "n"})


MORE_LOOPS = """\
def counts_in_a_list(box):
    while box[0] < 10**12:
        box[0] += 1
    return box


def walks_an_iterator(numbers):
    items = iter(numbers)
    seen = 0
    while seen < 10:
        for item in items:
            seen = seen
    return seen
"""


def watched_until(
    folder: Path, function: Any, *args: Any, limit: float, stop_at: float
) -> list[tuple[float, dict[str, Any]]]:
    """Run ``function`` watched with ``limit``, stopped by a timer at ``stop_at``; when and what it sent."""
    sent: list[tuple[float, dict[str, Any]]] = []
    started = time.monotonic()
    watch = StopWatch(str(folder), lambda m: sent.append((time.monotonic() - started, m)), loop_evidence)

    def interrupt(*_: Any) -> None:
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, stop_at)
    watch.start(started + limit)
    try:
        function(*args)
    except TimeoutError:
        pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        watch.stop()
    return sent


def test_a_loop_back_at_its_start_with_every_variable_unchanged_is_told_early(tmp_path: Path) -> None:
    loops = load(tmp_path)
    sent = watched_until(tmp_path, loops.stuck, [1, 3, 5, 7, 9], 7, limit=2.5, stop_at=2.4)
    assert len(sent) == 1
    when, message = sent[0]
    assert message["where"]["loop"]["certain"] is True
    assert message["where"]["loop"]["unchanged"] == {"high": "3", "low": "2"}
    assert when < 2.0  # at the second look, not just before the limit


def test_progress_kept_in_a_list_item_is_seen(tmp_path: Path) -> None:
    path = tmp_path / "more.py"
    path.write_text(MORE_LOOPS, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("more", path)
    assert spec is not None and spec.loader is not None
    more = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(more)
    sent = watched_until(tmp_path, more.counts_in_a_list, [0], limit=1.0, stop_at=0.95)
    assert all(not message["where"].get("loop", {}).get("certain") for _, message in sent)


def test_a_frame_state_is_its_plain_values_and_containers_of_them() -> None:
    def frame_with(low: Any, high: Any, numbers: Any) -> Any:
        return frame_variables(sys._getframe())

    assert frame_state(frame_with(1, "2", [1, 2])) == (
        ("high", (str, "2")),
        ("low", (int, 1)),
        ("numbers", (list, (1, 2))),
    )
    assert frame_state(frame_with(1, "2", iter([1]))) is None  # an iterator may hide progress
    assert frame_state(frame_with(1, "2", [[1]])) is None
    assert plain_items([1, "a", None]) == (1, "a", None)
    assert plain_items({"a": 1}) == (("a", 1),)
    assert plain_items([object()]) is None
    assert plain_items(list(range(20_000))) is None
    assert plain_items([[1]]) is None
