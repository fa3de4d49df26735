"""Progress lines count learners with work not graded, in the summary's words."""

from __future__ import annotations

from grader.batch.progress import ProgressReport


def test_progress_lines_count_learners_with_work_not_graded() -> None:
    said: list[str] = []
    report = ProgressReport(3, said.append, tty=False, not_graded=["dee"])
    report("ada", False)
    report("ben", True)
    report("carol", False)
    report.close()
    heads = [line.rsplit("; ~", 1)[0] for line in said]
    assert heads == [
        "[1/3] ada done, every exercise graded; 1 learner with work not graded so far",
        "[2/3] ben done, some work not graded; 2 learners with work not graded so far",
        "[3/3] carol done, every exercise graded; 2 learners with work not graded so far",
    ]
    assert all(line.endswith(" s left") for line in said)


def test_a_learner_already_counted_is_not_counted_twice() -> None:
    said: list[str] = []
    report = ProgressReport(1, said.append, tty=False, not_graded=["dee"])
    report("dee", True)
    assert said[0].startswith("[1/1] dee done, some work not graded; 1 learner with work not graded so far")
