"""One run of the learner's tests against one implementation, and where a stuck run was stopped."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from grader.feedback.docstrings import docstring_headline
from grader.worker.loop_evidence import enclosing_loop

# One learner test that runs longer than this is stopped: pytest's faulthandler writes where it
# was, and the run is ended there rather than at the limit for the whole run.
ONE_TEST_SECONDS = 2.0
STUCK = "Timeout ("  # how faulthandler's dump begins


@dataclass(frozen=True)
class TestRun:
    """One run of the learner's tests against one implementation."""

    __test__ = False  # not a pytest test class, despite the name

    implementation: str
    description: str
    exit_code: int | None
    output: str
    stopped_at: str = ""  # the learner's test and line where a run that did not finish was stopped

    @property
    def timed_out(self) -> bool:
        return self.exit_code is None


def implementation_description(folder: Path) -> str:
    """What the implementation gets wrong, from its docstring ("Bug: ..."), or its folder name."""
    headline = docstring_headline(sorted(folder.glob("*.py")))
    if headline is None:
        return folder.name.replace("_", " ")
    return headline.removeprefix("Bug:").strip().rstrip(".")


def stuck(log: Path) -> bool:
    """A learner test has run past ONE_TEST_SECONDS: faulthandler wrote where it was."""
    try:
        with open(log, "rb") as output:
            return STUCK.encode() in output.read()
    except OSError:
        return False


def where_stuck(output: str, folder: Path) -> str:
    """The learner's test and line where faulthandler found the run (its innermost test-file frame).

    Where in a loop's body the run is caught is chance, so the loop it was going
    round is named too: its first line is what the learner must look at.
    """
    if STUCK not in output:
        return ""
    dump = output[output.index(STUCK) :]
    for line in dump.splitlines():
        found = FRAME.match(line.strip())
        name = Path(found["file"]).name if found else ""
        if found and name.startswith("test_") and (folder / name).is_file():
            number = int(found["line"])
            code = linecache_line(folder / name, number)
            place = f"{found['test']} in {name}, line {number}" + (f": {code}" if code else "")
            return place + loop_around(folder / name, number)
    return ""


def loop_around(path: Path, number: int) -> str:
    """Name the loop whose body holds line ``number``: " (in the loop on line N: ...)", or "" outside one."""
    loop = enclosing_loop(str(path), number)
    if loop is None or loop.lineno == number:
        return ""
    return f" (in the loop on line {loop.lineno}: {linecache_line(path, loop.lineno)})"


FRAME = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+) in (?P<test>\w+)')


def linecache_line(path: Path, number: int) -> str:
    try:
        lines = path.read_text("utf-8", "replace").splitlines()
    except OSError:
        return ""
    return lines[number - 1].strip()[:200] if 0 < number <= len(lines) else ""
