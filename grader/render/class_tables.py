"""Render the class's results as data files: gradebook CSV, summary JSON, Gradescope, JUnit XML."""

from __future__ import annotations

import json
import re
from typing import Any
from xml.etree import ElementTree as ET

from grader.batch.results import ClassResults, LearnerResults, is_graded, reason
from grader.render.spreadsheet_csv import csv_text


def gradebook_csv(results: ClassResults) -> str:
    """One row per learner: each exercise's score, the total, the percentage and a status."""
    rows = [["learner", "name", *[e.id for e in results.exercises], "total", "max", "percent", "status"]]
    for learner in results.learners:
        scores = {f["exercise_id"]: f["score"] for f in learner.feedback}
        row = [learner.learner, learner.name]
        row += [f"{scores[e.id]:g}" if e.id in scores else "" for e in results.exercises]
        row += [f"{learner.score:g}", f"{learner.max_score:g}", f"{learner.percent:g}", learner.status]
        rows.append(row)
    return csv_text(rows)


def summary_json(results: ClassResults) -> str:
    """The whole class as JSON (every learner's totals and per-exercise status)."""
    data = results.to_dict()
    for learner in data["learners"]:
        learner["feedback"] = [
            {k: f[k] for k in ("exercise_id", "status", "score", "max_score", "error")}
            for f in learner["feedback"]
        ]
    return json.dumps(data, indent=2, ensure_ascii=False)


def gradescope(learner: LearnerResults) -> str:
    """Gradescope's results.json for one learner: one entry per hidden test."""
    tests: list[dict[str, Any]] = []
    for feedback in learner.feedback:
        if not feedback["tests"]:
            outcome = "graded 0" if is_graded(feedback) else "not graded"
            tests.append(
                {
                    "name": f"{feedback['title']}: {outcome}",
                    "score": 0,
                    "max_score": feedback["max_score"],
                    "status": "failed",
                    "output": reason(feedback),
                }
            )
        available = sum(t["max_points"] for t in feedback["tests"]) or 1
        scale = feedback["max_score"] / available
        for test in feedback["tests"]:
            tests.append(
                {
                    "name": f"{feedback['title']}: {test['description'] or test['name']}",
                    "score": round(test["points"] * scale, 3),
                    "max_score": round(test["max_points"] * scale, 3),
                    "status": "passed" if test["status"] == "passed" else "failed",
                    "output": "\n".join(filter(None, [test["message"], test.get("hint") or ""])),
                }
            )
    return json.dumps({"score": learner.score, "tests": tests}, indent=2, ensure_ascii=False)


NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: object) -> str:
    """Text XML 1.0 can hold: control characters (from learner messages) become U+FFFD."""
    return NOT_XML.sub("\ufffd", str(text))


def junit_xml(results: ClassResults) -> str:
    """JUnit XML: one test suite per learner x exercise, one case per hidden test."""
    suites = ET.Element("testsuites", name=results.course)
    for learner in results.learners:
        for feedback in learner.feedback:
            suite = ET.SubElement(
                suites, "testsuite", name=xml_text(f"{learner.learner}.{feedback['exercise_id']}")
            )
            cases = feedback["tests"] or [
                {"name": "grading", "status": "error", "message": feedback.get("error") or "", "duration": 0}
            ]
            failures = errors = 0
            for test in cases:
                case = ET.SubElement(
                    suite,
                    "testcase",
                    name=test["name"],
                    classname=suite.get("name", ""),
                    time=str(test["duration"]),
                )
                if test["status"] in ("error", "timeout"):
                    errors += 1
                    ET.SubElement(case, "error", message=test["status"]).text = xml_text(test["message"])
                elif test["status"] != "passed":
                    failures += 1
                    ET.SubElement(case, "failure", message=test["status"]).text = xml_text(test["message"])
            suite.set("tests", str(len(cases)))
            suite.set("failures", str(failures))
            suite.set("errors", str(errors))
    return ET.tostring(suites, encoding="unicode", xml_declaration=True)
