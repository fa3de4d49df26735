"""Record why a hidden suite could not be collected: file, line, exception and message, never its source.

Loaded by name (``-p grader.pipeline.collection_errors``) only in the collect-only run
that lists a suite's test ids (:func:`grader.pipeline.suite_ids.collect_ids`). Each
collection error (a suite file or conftest.py that raises while imported, a
bad ``parametrize``, a fixture pytest refuses) is written as one line of plain
words to ``<ids file>.errors.json``, so the check can say the hidden tests
could not be collected and why, instead of grading the tests that remain.
"""

from __future__ import annotations

import json
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from grader.pipeline.suite_ids import errors_file

MESSAGE_LIMIT = 300


@pytest.hookimpl(wrapper=True)
def pytest_load_initial_conftests(early_config: pytest.Config) -> Iterator[None]:
    # The suite's own conftest.py is loaded here, before collection starts: pytest then stops.
    try:
        return (yield)
    except Exception as error:
        known = early_config.known_args_namespace
        ids_file = getattr(known, "grader_ids_file", None)
        if ids_file:
            failing = Path(str(getattr(error, "path", "conftest.py")))
            cause = getattr(error, "cause", None) or error.__cause__ or error
            root = suite_root(getattr(known, "file_or_dir", None) or [])
            record(errors_file(ids_file), describe(cause, failing, root))
        raise


def pytest_exception_interact(node: pytest.Item | pytest.Collector, call: Any, report: Any) -> None:
    ids_file = node.config.getoption("--grader-ids-file", None)
    if not ids_file or not isinstance(report, pytest.CollectReport) or call.excinfo is None:
        return
    error = call.excinfo.value
    cause = error.__cause__ if isinstance(error, pytest.Collector.CollectError) else None
    failing = Path(str(getattr(node, "path", "")))
    record(errors_file(ids_file), describe(cause or error, failing, suite_root(node.config.args)))


def suite_root(args: list[str]) -> Path | None:
    """The suite folder the run collects (its one path argument), to name files relative to it."""
    paths = [Path(a) for a in args if not a.startswith("-")]
    return paths[0] if len(paths) == 1 else None


def describe(error: BaseException, failing: Path, root: Path | None) -> str:
    """``test_shop.py, line 4: ZeroDivisionError: division by zero``: where and what, without source."""
    line: int | None = None
    if isinstance(error, SyntaxError) and error.filename:
        failing, line = Path(error.filename), error.lineno
        message = str(error.msg)
    else:
        message = str(error) if not isinstance(error, pytest.fail.Exception) else str(error.msg)
        for frame in traceback.extract_tb(error.__traceback__):
            if root is not None and Path(frame.filename).is_relative_to(root):
                failing, line = Path(frame.filename), frame.lineno  # the innermost frame of the suite
    name = shown_path(failing, root)
    where = f"{name}, line {line}" if line else name
    kind = "" if isinstance(error, pytest.fail.Exception) else f"{type(error).__name__}: "
    refused = (
        getattr(error, "detail", {}).get("refused")
        if isinstance(getattr(error, "detail", None), dict)
        else None
    )
    if refused:  # a plain suite's refusal (grader.plain.refusals): what the suite did is the reason
        kind, message = "the suite ", str(refused)
    text = " ".join(f"{kind}{message}".split())
    return f"{where}: {text[:MESSAGE_LIMIT]}"


def shown_path(path: Path, root: Path | None) -> str:
    if root is not None and path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    return path.name or "the suite"


def record(path: Path, reason: str) -> None:
    """Add one reason to the run's errors file (a JSON list of strings)."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        found = []
    if reason not in found:
        found.append(reason)
    path.write_text(json.dumps(found), encoding="utf-8")
