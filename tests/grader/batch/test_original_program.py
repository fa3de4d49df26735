"""A refactor in a batch: the original is staged and run in a sandbox of its own, like the learner's code."""

from __future__ import annotations

import json
from pathlib import Path

from tests.grader.batch.helpers import grade, gradebook_rows, needs_sandbox, write_learner

COURSE = Path(__file__).resolve().parents[3]  # this repository: the real course
EXERCISE = Path("02_functions/09_checkout_receipt")


def test_a_refactor_is_compared_with_its_starter_inside_the_sandbox(tmp_path: Path) -> None:
    needs_sandbox()
    reference = (COURSE / "solutions" / EXERCISE / "receipt.py").read_text(encoding="utf-8")
    reordered = COURSE / "grader/suites" / EXERCISE / "mistakes/checks_the_code_before_the_second_coupon.py"
    write_learner(tmp_path / "subs", "ada", {"receipt.py": reference})
    write_learner(tmp_path / "subs", "bob", {"receipt.py": reordered.read_text(encoding="utf-8")})
    out = tmp_path / "out"
    result = grade(COURSE, tmp_path / "subs", out, "--exercise", "checkout-receipt", "--jobs", "1")
    assert result.exit_code == 0, result.output
    rows = gradebook_rows(out)
    assert rows["ada"]["checkout-receipt"] == "25"
    feedback = json.loads((out / "learners/bob/feedback.json").read_text(encoding="utf-8"))
    tests = {test["name"]: test for test in feedback["feedback"][0]["tests"]}
    differential = tests["test_any_order_gives_what_the_starter_gives"]
    assert differential["status"] == "failed"
    assert "but the starter raises ValueError('line" in differential["message"]
    assert "only one coupon per order" in differential["message"]
