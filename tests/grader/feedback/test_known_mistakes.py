"""Known mistakes as evidence: the hint is shown only to a failure that matches exactly one of them."""

from __future__ import annotations

from pathlib import Path

from grader.feedback.known_mistakes import (
    KnownMistake,
    known_mistakes_text,
    load_known_mistakes,
    matching_mistakes,
    public_part,
    with_earlier_record,
    with_known_mistake,
)
from grader.feedback.model import Feedback, TestResult

REPO = Path(__file__).resolve().parents[3]
CENTURY = "A year divisible by 100 is not a leap year unless it also divides by 400."
FORGETS = KnownMistake(
    "ignores_centuries",
    "Mistake: only checks divisibility by 4.",
    (CENTURY,),
    (("test_common", ""), ("test_century", "wrong_value: True")),
)
OBSERVED = {"test_common": "", "test_century": "wrong_value: True"}


def result(name: str, status: str = "failed", hint: str = "") -> TestResult:
    return TestResult(
        name, "", status, "Called leap_year(1900); got True, expected False.", hint, "", 0, 1, 0
    )


def feedback(*tests: TestResult) -> Feedback:
    return Feedback(1, "leap", "Leap", "", "failed", 0.0, 10.0, tests, None, 0.0)


def test_a_matching_failure_is_told_which_mistake_it_looks_like() -> None:
    shown = with_known_mistake(
        feedback(result("test_common", "passed"), result("test_century")), OBSERVED, [FORGETS]
    )
    assert shown.tests[1].hint == (
        "This looks like a known mistake: only checks divisibility by 4. " + CENTURY
    )
    assert shown.tests[0].hint == ""


def test_no_match_means_no_guess() -> None:
    observed = {"test_common": "", "test_century": "exception: ZeroDivisionError"}
    before = feedback(result("test_common", "passed"), result("test_century"))
    assert with_known_mistake(before, observed, [FORGETS]) == before


def test_variants_that_fail_alike_with_different_hints_say_nothing() -> None:
    twin = KnownMistake("other", "Mistake: something else.", ("Another hint.",), FORGETS.fingerprint)
    assert matching_mistakes(OBSERVED, [FORGETS, twin]) == []
    hintless = KnownMistake("quiet", "Mistake: no hint.", (), FORGETS.fingerprint)
    assert matching_mistakes(OBSERVED, [FORGETS, hintless]) == []


def test_variants_that_fail_alike_with_one_hint_give_it_without_naming_either() -> None:
    same_words = KnownMistake("same", "Mistake: the same, written twice.", (CENTURY,), FORGETS.fingerprint)
    assert matching_mistakes(OBSERVED, [FORGETS, same_words]) == [FORGETS, same_words]
    before = feedback(result("test_common", "passed"), result("test_century"))
    shown = with_known_mistake(before, OBSERVED, [FORGETS, same_words])
    assert shown.tests[1].hint == "This looks like a known mistake. " + CENTURY


def test_a_hint_the_test_already_shows_is_not_repeated() -> None:
    before = feedback(result("test_common", "passed"), result("test_century", hint=CENTURY))
    assert with_known_mistake(before, OBSERVED, [FORGETS]) == before


def test_the_record_is_written_sorted_and_read_back(tmp_path: Path) -> None:
    other = KnownMistake("a_first", "Mistake: first by name.", (), (("test_common", "timeout"),))
    (tmp_path / "known_mistakes.json").write_text(known_mistakes_text([FORGETS, other]), encoding="utf-8")
    assert load_known_mistakes(tmp_path) == (other, FORGETS)
    assert load_known_mistakes(tmp_path / "missing") == ()


def test_a_learner_edition_keeps_only_what_public_tests_show() -> None:
    hidden_only = KnownMistake(
        "hidden", "Mistake: only a hidden test sees it.", (), (("test_secret", "timeout"),)
    )
    both = KnownMistake(
        "both",
        "Mistake: seen by both.",
        ("Hint.",),
        (("test_century", "wrong_value: True"), ("test_secret", "timeout")),
    )
    assert public_part([hidden_only, both], {"test_century", "test_common"}) == [
        KnownMistake("both", "Mistake: seen by both.", ("Hint.",), (("test_century", "wrong_value: True"),))
    ]


RACE = KnownMistake(
    "claims_twice",
    "Mistake: a job is claimed by a read, then an update.",
    ("Claim with one UPDATE.",),
    (
        ("test_race", "wrong_value"),
        ("test_export", ""),
        ("test_retry", "wrong_value: 200"),
        ("test_crud", ""),
    ),
)


def test_a_timing_dependent_record_keeps_every_outcome_each_test_gave() -> None:
    fresh = KnownMistake(
        RACE.variant,
        RACE.mistake,
        RACE.hints,
        (
            ("test_race", "wrong_value"),
            ("test_export", "wrong_value: 200"),
            ("test_retry", ""),
            ("test_crud", ""),
        ),
    )
    merged = with_earlier_record(fresh, RACE)
    assert dict(merged.fingerprint) == {
        "test_race": "wrong_value",
        "test_export": ("", "wrong_value: 200"),
        "test_retry": ("", "wrong_value: 200"),
        "test_crud": "",
    }
    assert with_earlier_record(RACE, merged) == merged  # settled: what was seen stays
    assert matching_mistakes(dict(RACE.fingerprint), [merged]) == [merged]
    assert with_earlier_record(fresh, None) == fresh


def test_a_changed_mistake_or_suite_starts_the_record_afresh() -> None:
    fresh = KnownMistake(RACE.variant, "Mistake: reworded.", RACE.hints, (("test_race", "wrong_value"),))
    assert with_earlier_record(fresh, RACE) == fresh  # another mistake line
    fewer = KnownMistake(RACE.variant, RACE.mistake, RACE.hints, (("test_race", "stopped"),))
    assert with_earlier_record(fewer, RACE) == fewer  # another set of tests


def test_a_learner_edition_leaves_out_a_mistake_whose_public_tests_only_vary() -> None:
    varying = KnownMistake(
        "race", "Mistake: a race.", ("Hint.",), (("test_race", "wrong_value"), ("test_export", ("", "x")))
    )
    assert public_part([varying], {"test_export"}) == []


def test_several_outcomes_are_written_as_a_list_and_read_back(tmp_path: Path) -> None:
    varying = KnownMistake(
        "race", "Mistake: a race.", ("Hint.",), (("test_export", ("", "wrong_value: 200")),)
    )
    (tmp_path / "known_mistakes.json").write_text(known_mistakes_text([varying]), encoding="utf-8")
    assert '"test_export": [' in (tmp_path / "known_mistakes.json").read_text(encoding="utf-8")
    assert load_known_mistakes(tmp_path) == (varying,)


def could_be_taken_for(mine: KnownMistake, other: KnownMistake) -> bool:
    """Whether some run ``mine``'s record allows would match ``other``'s record."""
    allowed = {name: set(seen) if isinstance(seen, tuple) else {seen} for name, seen in mine.fingerprint}
    theirs = dict(other.fingerprint)
    if set(allowed) != set(theirs):
        return False
    both = {
        name: allowed[name] & ({seen} if isinstance(seen, str) else set(seen))
        for name, seen in theirs.items()
    }
    if not all(both.values()):
        return False
    return any(isinstance(seen, str) and seen and seen in both[name] for name, seen in theirs.items())


def test_no_timing_dependent_record_lets_one_mistake_be_taken_for_another() -> None:
    """Outcomes recorded for a race never let another variant's run take its hint (or lose its own)."""
    records = [load_known_mistakes(path.parent) for path in REPO.glob("grader/suites/**/known_mistakes.json")]
    varying = 0
    for mistakes in records:
        for mine in mistakes:
            for other in mistakes:
                several = any(isinstance(seen, tuple) for m in (mine, other) for _, seen in m.fingerprint)
                varying += several and mine is other
                if several and mine is not other and mine.hints != other.hints:
                    assert not could_be_taken_for(mine, other), (mine.variant, other.variant)
    assert varying >= 3  # the capstone's claim race and job-queue's two slow variants


def test_the_check_for_records_taken_for_each_other_can_fail() -> None:
    race = KnownMistake(
        "race",
        "Mistake: a race.",
        ("Claim in one UPDATE.",),
        (("t_race", "v"), ("t_restart", ("", "v: 200"))),
    )
    lost = KnownMistake(
        "lost", "Mistake: in memory.", ("Use SQLite.",), (("t_race", "v"), ("t_restart", "v: 404"))
    )
    assert not could_be_taken_for(lost, race)
    anything = KnownMistake(
        "race",
        "Mistake: a race.",
        ("Claim in one UPDATE.",),
        (("t_race", "v"), ("t_restart", ("", "v: 200", "v: 404"))),
    )
    assert could_be_taken_for(lost, anything)
