"""Write every report and export of a batch into the output folder, each file atomically."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from grader.batch.learner_folders import learner_folders
from grader.batch.results import BatchTiming, ClassResults
from grader.course.atomic_files import write_atomically
from grader.platforms import lms
from grader.render import class_report, class_tables, learner_report


def write_outputs(results: ClassResults, out: Path, timing: BatchTiming | None = None) -> list[Path]:
    """Per-learner feedback, reports and Gradescope files; the class's tables and report."""
    written, pending = [], []
    folders = learner_folders(learner.learner for learner in results.learners)
    # Each file waits for the disk (fsync) before its rename: a few threads keep the disk busy.
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="outputs") as pool:
        for learner in results.learners:
            folder = out / "learners" / (learner.folder or folders[learner.learner])
            files = {
                "feedback.json": json.dumps(learner.to_dict(), indent=2, ensure_ascii=False),
                "report.md": learner_report.markdown(learner),
                "report.html": learner_report.html(learner),
                "results.json": class_tables.gradescope(learner),
            }
            for name, text in files.items():
                pending.append(pool.submit(write_atomically, folder / name, text))
                written.append(folder / name)
    for future in pending:
        future.result()  # a file that could not be written is an error here, as when written in turn
    for name, text in {
        "gradebook.csv": class_tables.gradebook_csv(results),
        "summary.json": class_tables.summary_json(results),
        "junit.xml": class_tables.junit_xml(results),
        "canvas-import.csv": lms.canvas_csv(results),
        "moodle-import.csv": lms.moodle_csv(results),
        "moodle-worksheet.csv": lms.moodle_worksheet_csv(results),
        "class-report.html": class_report.html(results, timing),
    }.items():
        write_atomically(out / name, text)
        written.append(out / name)
    return written
