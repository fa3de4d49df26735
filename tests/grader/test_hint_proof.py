"""The hint proof: every hint of a suite is read, and fires only on the variants it was written for."""

from __future__ import annotations

from pathlib import Path

from grader.hint_proof import authored_hints, prove_hints

SUITE = """
import pytest
from grader.testkit import call

STRIP = "Remove spaces at both ends first."


@pytest.mark.hint(STRIP, when="exception")
def test_spaces(learner):
    call(learner.parse, " 9:05 ").returns((9, 5))


def test_century(learner):
    century = "A century is not a leap year " + "unless it divides by 400."
    call(learner.leap, 1900).returns(False, hint_if={True: century})


def test_deep(learner):
    too_deep = {RecursionError: "Walk up with a while loop."}
    call(learner.walk, 5000).returns(1, hint_if=too_deep)


CASES = [pytest.param("off_by_one", marks=pytest.mark.hint("Test the edge.", when="bug_not_caught"))]
"""


def suite(tmp_path: Path) -> Path:
    (tmp_path / "test_x.py").write_text(SUITE, encoding="utf-8")
    (tmp_path / "mistakes").mkdir()
    (tmp_path / "mistakes" / "variant.py").write_text('"""Mistake: x."""\n', encoding="utf-8")
    return tmp_path


def test_every_kind_of_hint_is_read_with_where_it_comes_from(tmp_path: Path) -> None:
    assert authored_hints(suite(tmp_path)) == [
        ("Remove spaces at both ends first.", "when=exception", "test_spaces"),
        ("A century is not a leap year unless it divides by 400.", "hint_if", "test_century"),
        ("Walk up with a while loop.", "hint_if", "test_deep"),
        ("Test the edge.", "when=bug_not_caught", "off_by_one"),
    ]


def test_a_hint_firing_on_a_variant_it_was_not_written_for_fails(tmp_path: Path) -> None:
    strip = "Remove spaces at both ends first."
    declared = {"never_strips": (strip,), "checks_hours_late": ()}
    shown = {"never_strips": (strip,), "checks_hours_late": (strip,)}
    checks = {c.text: c for c in prove_hints(suite(tmp_path), declared, shown)}
    assert checks[strip].written_for == ("never_strips",)
    assert checks[strip].misfires == ("checks_hours_late",)
    assert not checks[strip].ok
    century = checks["A century is not a leap year unless it divides by 400."]
    assert century.ok and century.never_fires


def test_a_hint_on_the_reference_fails_and_a_variant_hint_is_proven_on_its_variant(tmp_path: Path) -> None:
    declared = {"variant": ("Only the variant says this.",)}
    shown = {"variant": ("This looks like a known mistake: x. Only the variant says this.",)}
    checks = {c.text: c for c in prove_hints(suite(tmp_path), declared, shown, ("Test the edge.",))}
    assert checks["Only the variant says this."].fires_on == ("variant",)
    assert checks["Only the variant says this."].ok
    assert checks["Test the edge."].on_reference and not checks["Test the edge."].ok


def test_a_hint_is_found_as_a_whole_sentence_never_inside_another(tmp_path: Path) -> None:
    (tmp_path / "test_x.py").write_text(
        'import pytest\n\n@pytest.mark.hint("0 is a valid score.", when="exception")\n'
        "def test_zero(learner):\n    pass\n",
        encoding="utf-8",
    )
    shown = {"refuses_100": ("100 is a valid score.",)}
    (check,) = prove_hints(tmp_path, {"refuses_100": ()}, shown)
    assert check.fires_on == ()


def test_a_planted_bug_case_hint_is_written_for_whoever_misses_that_bug(tmp_path: Path) -> None:
    shown = {"never_tests_edges": ("Test the edge.",)}
    checks = {c.text: c for c in prove_hints(suite(tmp_path), {"never_tests_edges": ()}, shown)}
    assert checks["Test the edge."].ok
