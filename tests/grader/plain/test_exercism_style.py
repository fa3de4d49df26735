"""Exercises written the way Exercism's are agree with plain pytest, test for test.

``tests/fixtures/exercism_style`` holds unittest and pytest files whose
references return what Python programmers return: a ``Counter``, a lazy
``filter``, enum members, ``datetime``, ``OrderedDict``/``defaultdict``, a
named tuple, a list subclass, a dataclass, a generator, a class with
``__iter__``, ``Decimal`` and ``Fraction``, a class with its own ``__repr__``
and ``__str__``. Each is imported with
``grader import-tests``, graded on the reference, the stub and a wrong
solution, and run by plain pytest on the same files: the tests that pass
must be the same.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from grader.course.manifest import Course, load_course
from grader.plain.import_tests import import_exercises
from tests.helpers import FIXTURES, grade_text

SOURCE = FIXTURES / "exercism_style"
# One wrong solution per exercise: the kind of slip a learner makes.
WRONG = {
    "word-count": "from collections import Counter\n\ndef count_words(sentence):\n"
    "    return Counter(sentence.split())\n",
    "anagram": "def find_anagrams(word, candidates):\n"
    "    return (c for c in candidates if sorted(c.lower()) == sorted(word.lower()))\n",
    "sublist": "import enum\n\nclass R(enum.Enum):\n    SUBLIST = 1\n    SUPERLIST = 2\n    EQUAL = 3\n"
    "    UNEQUAL = 4\n\nSUBLIST, SUPERLIST, EQUAL, UNEQUAL = R.SUBLIST, R.SUPERLIST, R.EQUAL, R.UNEQUAL\n\n"
    "def sublist(one, two):\n    return EQUAL if one == two else R.UNEQUAL\n",
    "gigasecond": "from datetime import timedelta\n\ndef add(moment):\n"
    "    return moment + timedelta(seconds=10**6)\n",
    "inventory": "from collections import namedtuple\nfrom dataclasses import dataclass\n\n"
    "@dataclass\nclass Item:\n    id: int\n    kind: str\n\ndef make_item(id, kind):\n"
    "    return Item(id, 'any')\n\ndef index_by_id(items):\n    return {i['id']: i for i in items}\n\n"
    "def group_by_kind(items):\n    return {}\n\ndef tags_of(item):\n    return item.get('tags', [])\n\n"
    "def point(x, y):\n    return namedtuple('Point', 'x y')(y, x)\n",
    "countdown": "def countdown(n):\n    yield from range(n, -1, -1)\n\nclass Shelf(list):\n"
    "    def __init__(self, *books):\n        super().__init__(books)\n",
    "clock": "class Clock:\n    def __init__(self, hour, minute):\n"
    "        self.hour, self.minute = hour, minute\n\n"
    "    def __repr__(self):\n        return f'Clock({self.hour}, {self.minute})'\n\n"
    "    def __str__(self):\n        return f'{self.hour:02d}:{self.minute:02d}'\n\n"
    "    def __eq__(self, other):\n        return (self.hour, self.minute) == (other.hour, other.minute)\n\n"
    "    def __add__(self, minutes):\n        return Clock(self.hour, self.minute + minutes)\n",
    "money": "def total(prices):\n    return sum(float(p) for p in prices)\n\ndef share(parts):\n"
    "    return 1 / parts\n",
}


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Course:
    root = tmp_path_factory.mktemp("exercism") / "course"
    import_exercises(SOURCE, root)
    return load_course(root)


def pytest_outcomes(test_file: Path, module: str, source: str, folder: Path) -> dict[str, bool]:
    """Run plain pytest on the test file and ``source`` as the module: test name -> passed."""
    folder.mkdir()
    shutil.copy(test_file, folder / test_file.name)
    (folder / f"{module}.py").write_text(source, encoding="utf-8")
    report = folder / "report.xml"
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}"]
    subprocess.run([*command, test_file.name], cwd=folder, capture_output=True, timeout=120, check=False)
    cases = ElementTree.parse(report).getroot().iter("testcase")
    outcomes = {case.get("name", ""): not list(case) for case in cases}
    if set(outcomes) == {test_file.stem}:  # the file did not import: nothing passes
        return {}
    return outcomes


def sources(exercise_dir: Path) -> dict[str, str]:
    stub = next(p for p in exercise_dir.glob("*.py") if not p.name.endswith("_test.py"))
    return {
        "reference": (exercise_dir / ".meta" / "example.py").read_text(encoding="utf-8"),
        "stub": stub.read_text(encoding="utf-8"),
        "wrong": WRONG[exercise_dir.name],
    }


@pytest.mark.parametrize("exercise", sorted(WRONG))
def test_the_grader_agrees_with_plain_pytest(course: Course, exercise: str, tmp_path: Path) -> None:
    folder = SOURCE / exercise
    test_file = next(folder.glob("*_test.py"))
    module = test_file.name.removesuffix("_test.py")
    for variant, source in sources(folder).items():
        expected = pytest_outcomes(test_file, module, source, tmp_path / variant)
        feedback = grade_text(course, exercise, source)
        graded = {test.name: test.status == "passed" for test in feedback.tests}
        if not expected:
            assert not any(graded.values()), (variant, feedback.error)
            continue
        assert graded == expected, (variant, [(t.name, t.message) for t in feedback.tests])
        if variant == "reference":
            assert all(graded.values())
