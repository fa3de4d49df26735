"""One learner, one folder: ids that would share a folder name get distinct folders, never merged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grader.batch.command import describe_shared_folders
from grader.batch.gradebook import Gradebook
from grader.batch.learner_folders import folder_name, learner_folders, sharing
from grader.batch.not_graded import problem_feedback
from grader.batch.outputs import write_outputs
from grader.batch.results import read_results
from grader.course.manifest import Course


def test_ids_that_sanitise_alike_get_suffixes_in_order_of_the_original_ids() -> None:
    assert learner_folders(["a_b", "a b", "a/b"]) == {"a b": "a_b", "a/b": "a_b-2", "a_b": "a_b-3"}


def test_ids_that_differ_only_in_case_are_distinct_on_case_insensitive_file_systems() -> None:
    folders = learner_folders(["ann", "Ann", "ANN"])
    assert folders == {"ANN": "ANN", "Ann": "Ann-2", "ann": "ann-3"}
    assert len({name.casefold() for name in folders.values()}) == 3


def test_a_suffix_never_takes_a_real_learners_folder() -> None:
    folders = learner_folders(["a b", "a_b", "a_b-2"])
    assert folders == {"a b": "a_b", "a_b": "a_b-3", "a_b-2": "a_b-2"}


def test_ids_that_sanitise_to_nothing_get_a_name_and_a_suffix_each() -> None:
    assert folder_name("...") == folder_name("???") == folder_name("") == "learner"
    folders = learner_folders(["...", "???", "learner"])
    assert folders == {"...": "learner", "???": "learner-2", "learner": "learner-3"}


@pytest.mark.parametrize(
    ("learner", "expected"),
    [("../etc", "_etc"), ("CON", "_CON"), ("nul.txt", "_nul.txt"), ("x" * 300, "x" * 120), ("José", "José")],
)
def test_folder_names_are_safe_everywhere(learner: str, expected: str) -> None:
    assert folder_name(learner) == expected


def test_the_mapping_depends_only_on_the_set_of_ids() -> None:
    assert learner_folders(["b", "a b", "a_b"]) == learner_folders(["a_b", "b", "a b", "a b"])


def test_sharing_names_each_group_that_was_made_distinct() -> None:
    folders = learner_folders(["a b", "a_b", "Ann", "ann", "zed"])
    assert sharing(folders) == [["Ann", "ann"], ["a b", "a_b"]]
    lines = describe_shared_folders(folders)
    assert lines[0].endswith("'Ann' -> learners/Ann/, 'ann' -> learners/ann-2/")
    assert lines[1].endswith("'a b' -> learners/a_b/, 'a_b' -> learners/a_b-2/")


def test_every_learner_keeps_their_own_reports(mini_course: Course, tmp_path: Path) -> None:
    exercise = mini_course.exercises[0]
    gradebook = Gradebook(tmp_path)
    learners = ["a b", "a_b", "Ann", "ann", "..."]
    for learner in learners:
        gradebook.record_learner(learner, f"name of {learner}", "folder", [])
        gradebook.record(problem_feedback(exercise, learner, f"problem of {learner}"), "c", "s")
    results = read_results(gradebook, "Mini", [exercise])
    gradebook.close()
    write_outputs(results, tmp_path / "out")
    folders = sorted(p.name for p in (tmp_path / "out" / "learners").iterdir())
    assert folders == ["Ann", "a_b", "a_b-2", "ann-2", "learner"]
    for learner in results.learners:
        report = tmp_path / "out" / "learners" / learner.folder / "feedback.json"
        saved = json.loads(report.read_text("utf-8"))
        assert saved["learner"] == learner.learner
        assert saved["folder"] == learner.folder
        assert saved["feedback"][0]["error"] == f"problem of {learner.learner}"
    summary = json.loads((tmp_path / "out" / "summary.json").read_text("utf-8"))
    assert {row["learner"]: row["folder"] for row in summary["learners"]} == {
        "...": "learner",
        "Ann": "Ann",
        "a b": "a_b",
        "a_b": "a_b-2",
        "ann": "ann-2",
    }
