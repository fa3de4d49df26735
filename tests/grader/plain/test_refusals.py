"""Run-time refusals of a plain suite: what it tried, why it cannot cross, and whose problem it is."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from grader.boundary.refusals import describe_value, refused_argument
from grader.boundary.remote import RemoteFunction
from grader.plain.refusals import (
    before_loading,
    changed_module,
    class_check,
    module_internal,
    object_use,
    star_import,
)


def no_reference(value: object) -> None:
    return None


def double(x: int) -> int:
    return 2 * x


class Box:
    """An object of the suite's own."""


def test_each_refusal_is_the_suites_problem() -> None:
    refusals = [
        refused_argument("apply", (double, 2), {}, no_reference),
        changed_module("rate", "RATE"),
        class_check("add"),
        before_loading("rate", "RATE"),
        module_internal("rate", "__file__"),
        object_use(TypeError("'<' not supported between instances of 'RemoteObject' and 'int'")),
    ]
    for refusal in refusals:
        assert refusal.detail["kind"] == "suite_refused"
        assert refusal.detail["summary"].startswith("This test cannot be graded as written: it ")
        assert refusal.detail["summary"].endswith(
            "This is a problem with the test, not with your code: please tell your instructor."
        )


def test_the_refused_argument_is_named() -> None:
    found = refused_argument("apply", (1,), {"key": lambda x: x}, no_reference)
    assert found.detail["refused"] == "passes a lambda to apply() as argument key="
    inner = refused_argument("sort_by", ([1, {"box": Box()}],), {}, no_reference)
    assert inner.detail["refused"] == "passes a Box object of its own to sort_by() inside argument 1"
    deep: list = []
    for _ in range(60):
        deep = [deep]
    nested = refused_argument("total", (deep,), {}, no_reference)
    assert nested.detail["refused"] == "passes a value nested too deeply to total() as argument 1"


def test_values_are_described_as_their_author_knows_them() -> None:
    learner_function = RemoteFunction(None, ["module", "m", "double"], "double")  # type: ignore[arg-type]
    assert describe_value(learner_function) == "your function double"
    assert describe_value(double) == "its own function double()"
    assert describe_value(len) == "the built-in function len()"
    assert describe_value(Box) == "its own class Box"
    assert describe_value(Box()) == "a Box object of its own"


def test_a_changed_module_says_the_change_would_not_reach_the_learner() -> None:
    summary = changed_module("rate", "RATE", deleting=True).detail["summary"]
    assert summary == (
        "This test cannot be graded as written: it deletes rate.RATE; your rate.py runs in another "
        "process, so changing it here would never reach your code (pass what the function needs as "
        "arguments instead). This is a problem with the test, not with your code: please tell your "
        "instructor."
    )


def test_the_special_method_a_test_used_on_a_learner_object_is_named() -> None:
    uses = {
        "'<' not supported between instances of 'RemoteObject' and 'int'": (
            "an ordering comparison (<, >) with a value of the test's own"
        ),
        "int() argument must be a string, a bytes-like object or a real number, not 'RemoteObject'": (
            "a special method"
        ),
    }
    for message, used in uses.items():
        assert object_use(TypeError(message)).detail["refused"] == f"uses {used} on an object of your code"


def test_a_missing_name_after_a_star_import_of_a_learner_module_is_refused(tmp_path: Path) -> None:
    suite = tmp_path / "test_x.py"
    suite.write_text("from rate import *\n\ndef test_a():\n    assert price(1) == 2\n", encoding="utf-8")
    found = star_import(SimpleNamespace(path=suite), {"rate"})
    assert found is not None and found.detail["refused"] == "imports with `from rate import *`"
    assert star_import(SimpleNamespace(path=suite), {"other"}) is None
