"""Step counting (grader/worker/step_counter.py) and growth verdicts (grader/kinds/growth.py)."""

from __future__ import annotations

import importlib.util
import sys
import textwrap
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from grader.kinds.growth import Growth, about, grows
from grader.testkit import Mismatch
from grader.worker import step_counter

LEARNER = """
def dedupe_with_list(items):
    seen = []
    for x in items:
        if x not in seen:
            seen.append(x)
    return seen

def dedupe_with_set(items):
    seen, out = set(), []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out

def nested(items):
    count = 0
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            count += 1
    return count

def in_slice(items):
    return sum(1 for i in range(len(items)) if items[i] in items[:i])

def concat(items):
    out = []
    for x in items:
        out = out + [x]
    return out

def counts(items):
    return [items.count(x) for x in items]

def found_first(items):
    return [x for x in items if items[0] in items]

def halving(items, target):
    low, high = 0, len(items)
    while low < high:
        middle = (low + high) // 2
        if items[middle] < target:
            low = middle + 1
        else:
            high = middle
    return low

def skipped_scan(items):
    return [x for x in items if x < 0 and x in items]

def forever(items):
    while True:
        pass

def swallows(items):
    try:
        while True:
            pass
    except Exception:
        return "caught"
"""


@pytest.fixture(scope="module")
def learner(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    folder = tmp_path_factory.mktemp("learner")
    path = folder / "growth_learner.py"
    path.write_text(textwrap.dedent(LEARNER))
    spec = importlib.util.spec_from_file_location("growth_learner", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def steps(function: Any, *args: Any, budget: int = 10**7) -> dict[str, Any]:
    folder = str(Path(function.__code__.co_filename).parent)
    return step_counter.measure(function, args, {}, folder, budget)


def test_counts_one_step_per_line_run(learner: ModuleType) -> None:
    # 1 (out = []) + per item: the for line and the body line; plus the final for and return.
    assert steps(learner.concat, [])["lines"] == 3
    assert steps(learner.concat, [1, 2, 3])["lines"] == 3 + 2 * 3


def test_in_on_a_list_counts_the_items_read(learner: ModuleType) -> None:
    result = steps(learner.dedupe_with_list, list(range(100)))
    assert result["scans"] == sum(range(100)) + 1  # reading an empty list still costs one step
    assert steps(learner.dedupe_with_set, list(range(100)))["scans"] == 100


def test_in_stops_counting_where_the_item_is_found(learner: ModuleType) -> None:
    # items[0] is found at once: one step per test, however long the list.
    assert steps(learner.found_first, list(range(200)))["scans"] == 200


def test_a_scan_that_does_not_run_is_not_counted(learner: ModuleType) -> None:
    # `x < 0 and x in items` never reaches `in`: opcode events count only what runs.
    assert steps(learner.skipped_scan, list(range(300)))["scans"] == 0


def test_slices_and_concatenation_count_the_items_copied(learner: ModuleType) -> None:
    sliced = steps(learner.in_slice, list(range(50)))["scans"]
    assert sliced == 2 * sum(range(50)) + 2  # the copy items[:i], then reading it all (at least a step each)
    assert steps(learner.concat, list(range(50)))["scans"] == sum(range(1, 51))


def test_list_count_counts_the_whole_list(learner: ModuleType) -> None:
    assert steps(learner.counts, list(range(40)))["scans"] == 40 * 40


def test_other_files_are_not_counted(learner: ModuleType, tmp_path: Path) -> None:
    elsewhere = step_counter.measure(learner.nested, (list(range(30)),), {}, str(tmp_path), 10**7)
    assert elsewhere["steps"] == 0


def test_budget_stops_the_call(learner: ModuleType) -> None:
    result = steps(learner.forever, [], budget=5_000)
    assert result["stopped"] is True
    assert result["steps"] == 5_001
    assert sys.gettrace() is None and sys.getprofile() is None


def test_budget_is_not_caught_by_except_exception(learner: ModuleType) -> None:
    assert steps(learner.swallows, [], budget=1_000)["stopped"] is True


def test_counts_are_deterministic(learner: ModuleType) -> None:
    runs = {steps(learner.dedupe_with_list, list(range(300)))["steps"] for _ in range(5)}
    assert len(runs) == 1


@pytest.mark.parametrize(
    ("name", "make", "passes"),
    [
        ("dedupe_with_set", lambda n: (list(range(n)),), True),
        ("dedupe_with_list", lambda n: (list(range(n)),), False),
        ("nested", lambda n: (list(range(n)),), False),
        ("in_slice", lambda n: (list(range(n)),), False),
        ("concat", lambda n: (list(range(n)),), False),
        ("counts", lambda n: (list(range(n)),), False),
    ],
)
def test_linear_verdicts(learner: ModuleType, name: str, make: Any, passes: bool) -> None:
    growth = grows(getattr(learner, name), make, sizes=(50, 400))
    if passes:
        growth.at_most("linear")
    else:
        with pytest.raises(Mismatch, match="grows with the square of the input"):
            growth.at_most("linear")


def test_halving_is_logarithmic(learner: ModuleType) -> None:
    growth = grows(learner.halving, lambda n: (list(range(n)), n - 1), sizes=(1000, 8000))
    assert growth.ratio < 1.5
    growth.at_most("logarithmic")


def verdict(small_steps: int, large_steps: int, stopped: bool = False, level: str = "linear") -> str:
    growth = Growth("Your function f()", 100, 800, small_steps, large_steps, stopped)
    with pytest.raises(Mismatch) as caught:
        growth.at_most(level)
    assert caught.value.detail["kind"] == "growth"
    return str(caught.value.detail["summary"])


def test_message_for_square_growth() -> None:
    assert verdict(5_300, 322_000) == (
        "Your function f() did about 5,300 steps for 100 items and about 320,000 for 800: "
        "the work grows with the square of the input. Look for a loop inside a loop, or `in`, "
        "`.remove()`, `.count()`, slicing or `+` on a list inside a loop: a set or a dict finds "
        "an item in one step."
    )


def test_message_when_the_count_was_stopped() -> None:
    assert "more than 250,000 for 800: the work grows with the square of the input (or faster)" in verdict(
        5_300, 254_401, stopped=True
    )


def test_between_linear_and_square_is_not_called_square() -> None:
    message = verdict(1_000, 25_000)  # ratio 25: faster than linear, short of the square
    assert "square" not in message
    assert "8 times the items took 25.0 times the work, which is more than the input grew" in message


def test_linear_growth_against_logarithmic_says_every_item() -> None:
    message = verdict(1_000, 8_000, level="logarithmic")
    assert "grows in step with the input: it looks at every item" in message
    assert "square" not in message


def test_linear_and_n_log_n_pass() -> None:
    Growth("f()", 100, 800, 1_000, 8_000, False).at_most("linear")
    Growth("f()", 100, 800, 1_000, 11_600, False).at_most("linear")
    Growth("f()", 1000, 8000, 30, 40, False).at_most("logarithmic")


def test_a_stopped_small_run_claims_no_growth(learner: ModuleType) -> None:
    growth = grows(learner.nested, lambda n: (list(range(n)),), sizes=(40, 320), budget=500)
    with pytest.raises(Mismatch) as caught:
        growth.at_most("linear")
    message = caught.value.detail["summary"]
    assert message.startswith(
        "Your function nested() did more than 500 steps for 40 items, where the grader stopped counting: "
        "far more work than 40 items need."
    )
    assert "square" not in message
    assert "verdict" not in caught.value.detail  # it finished for 3 items: not called endless


def test_no_end_even_for_three_items_is_endless_and_says_where(learner: ModuleType, remote: Any) -> None:
    for function in (learner.forever, remote.forever):
        with pytest.raises(Mismatch) as caught:
            grows(function, lambda n: (list(range(n)),), sizes=(1000, 8000)).at_most("logarithmic")
        detail = caught.value.detail
        assert detail["verdict"] == "endless"
        assert detail["summary"] == (
            "Your function forever() did more than 50,000 steps for 3 items, where the grader stopped "
            "counting: it never ends"
        )
        assert detail["where"]["function"] == "forever"
        assert detail["where"]["code"] in ("while True:", "pass")


def test_unknown_level_and_bad_sizes_are_refused(learner: ModuleType) -> None:
    with pytest.raises(ValueError, match="unknown growth level"):
        Growth("f()", 100, 800, 1, 1, False).at_most("cubic")
    with pytest.raises(ValueError, match="increasing"):
        grows(learner.concat, lambda n: ([],), sizes=(800, 100))


def test_about_rounds_to_two_figures() -> None:
    assert [about(7), about(5_349), about(4_012_345)] == ["7", "5,300", "4,000,000"]


@pytest.fixture
def remote(tmp_path: Path) -> Any:
    from grader.boundary.remote import LearnerModule, LearnerSession

    folder = tmp_path / "worker_learner"
    folder.mkdir()
    (folder / "growth_learner.py").write_text(
        textwrap.dedent(LEARNER) + "\ndef broken(items):\n    return 1 / 0\n"
    )
    session = LearnerSession(folder, ["growth_learner"], call_timeout=30.0)
    yield LearnerModule(session, "growth_learner")
    session.close()


def test_worker_counts_match_in_process_counts(learner: ModuleType, remote: Any) -> None:
    make = lambda n: (list(range(n)),)  # noqa: E731
    here = grows(learner.dedupe_with_list, make, sizes=(50, 400))
    there = grows(remote.dedupe_with_list, make, sizes=(50, 400))
    assert (there.small_steps, there.large_steps) == (here.small_steps, here.large_steps)
    assert there.name == "Your function dedupe_with_list()"


def test_worker_reports_the_learners_exception(remote: Any) -> None:
    with pytest.raises(ZeroDivisionError):
        grows(remote.broken, lambda n: (list(range(n)),))
