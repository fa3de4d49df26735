"""Failure fingerprints: how one failure is told apart from another, and when two runs match."""

from __future__ import annotations

from grader.feedback.fingerprints import failure_signature, matches, run_fingerprint


def entry(name: str, failure: dict | None = None) -> dict:
    """A report entry as our plugin writes it: passed, or failed with this failure."""
    if failure is None:
        return {"nodeid": f"suite/test_x.py::{name}", "outcome": "passed", "metadata": {}}
    return {"nodeid": f"suite/test_x.py::{name}", "outcome": "failed", "metadata": {"failure_call": failure}}


def test_a_wrong_value_is_told_apart_by_the_value_that_came_back() -> None:
    failure = {
        "kind": "mismatch",
        "diagnosis": "wrong_value",
        "got": "True",
        "summary": "Called f(1900); ...",
    }
    assert failure_signature(failure) == "wrong_value: True"


def test_an_exception_is_told_apart_by_its_type_never_its_message() -> None:
    first = {"kind": "learner_exception", "exception": {"type": "KeyError", "message": "'a'"}}
    second = {"kind": "learner_exception", "exception": {"type": "KeyError", "message": "'b'"}}
    assert failure_signature(first) == failure_signature(second) == "exception: KeyError"
    wrong = {"kind": "wrong_exception", "got": "TypeError: bad", "diagnosis": "exception"}
    assert failure_signature(wrong) == "exception: TypeError"


def test_a_wrong_message_is_its_diagnosis_alone() -> None:
    assert failure_signature({"kind": "wrong_message", "got": "any words at all"}) == "wrong_message"


def test_a_call_that_did_not_finish_is_stopped_however_the_load_had_it_judged() -> None:
    """Endless, slow or only stopped rests on timings: one signature, so a loaded run matches a quiet one."""
    judged = [
        {"kind": "timeout", "summary": "did not finish within 2 s"},
        {"kind": "timeout", "verdict": "endless", "summary": "it did not finish even for 3 items"},
        {"kind": "timeout", "verdict": "slow", "summary": "finished for 12 items in 0.10 s"},
        {"kind": "growth", "verdict": "slow", "summary": "about n² steps"},
    ]
    assert {failure_signature(failure) for failure in judged} == {"stopped"}


def test_an_http_failure_is_told_apart_by_its_status_not_its_body() -> None:
    failure = {"kind": "http", "response": '500 {"detail": "boom at 12:03:44"}', "summary": "..."}
    assert failure_signature(failure) == "wrong_value: 500"


def test_a_run_fingerprint_lists_every_test_passed_ones_empty() -> None:
    report = {
        "tests": [
            entry("test_a"),
            entry("test_b", {"kind": "mismatch", "diagnosis": "wrong_value", "got": "3"}),
        ]
    }
    assert run_fingerprint(report) == {"test_a": "", "test_b": "wrong_value: 3"}


def test_a_run_that_could_not_load_the_code_has_no_fingerprint() -> None:
    report = {"tests": [entry("test_a", {"kind": "import_error", "summary": "SyntaxError"})]}
    assert run_fingerprint(report) == {}
    assert run_fingerprint(None) == {}


def test_runs_match_only_when_the_same_tests_fail_the_same_way() -> None:
    known = {"test_a": "", "test_b": "wrong_value: 3", "test_c": "wrong_value: 4"}
    assert matches(dict(known), known)
    assert not matches({**known, "test_c": "wrong_value: 5"}, known)  # another wrong value
    assert not matches({**known, "test_a": "stopped"}, known)  # one more failure
    assert not matches({**known, "test_c": ""}, known)  # one failure fewer


def test_part_of_a_suite_is_compared_on_the_tests_it_ran() -> None:
    known = {"test_a": "", "test_b": "wrong_value: 3", "test_c": "wrong_value: 4"}
    assert matches({"test_a": "", "test_b": "wrong_value: 3"}, known)  # one milestone
    assert not matches({"test_a": ""}, known)  # nothing failed: nothing to explain
    assert not matches({"test_b": "wrong_value: 3", "test_new": ""}, known)  # a test the variant never met


def test_a_test_with_several_recorded_outcomes_agrees_with_any_of_them_only() -> None:
    known = {
        "test_race": "wrong_value",
        "test_export": ("", "wrong_value: 200"),
        "test_restart": ("", "wrong_value: 200"),
        "test_crud": "",
    }
    assert matches(
        {"test_race": "wrong_value", "test_export": "", "test_restart": "", "test_crud": ""}, known
    )
    assert matches({"test_race": "wrong_value", "test_export": "wrong_value: 200", "test_crud": ""}, known)
    # another failure of a test that varies is another mistake (jobs lost by a restart: 404)
    assert not matches({"test_race": "wrong_value", "test_restart": "wrong_value: 404"}, known)
    assert not matches({"test_race": "", "test_export": "wrong_value: 200", "test_crud": ""}, known)
    assert not matches({"test_export": "wrong_value: 200"}, known)  # only a test that varies failed


def test_a_test_marked_varies_is_matched_on_its_diagnosis_alone() -> None:
    failure = {"kind": "assertion", "summary": "After 40 deposits at once, the balance is 37"}
    varies = {
        "nodeid": "t.py::test_race",
        "outcome": "failed",
        "metadata": {"failure_call": failure, "varies": True},
    }
    assert run_fingerprint({"tests": [varies]}) == {"test_race": "wrong_value"}


def test_an_objects_address_does_not_tell_two_runs_of_one_mistake_apart() -> None:
    def failure(address: str) -> dict[str, str]:
        return {"kind": "mismatch", "got": f"<money.Money object at {address}>", "diagnosis": "wrong_value"}

    first, second = failure_signature(failure("0x7fb931a13110")), failure_signature(failure("0x7f7786602790"))
    assert first == second
    assert "0x..." in first
