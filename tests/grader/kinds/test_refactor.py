"""The refactor kind: each structure metric on small golden sources, manifest targets, the finisher."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from grader.course.manifest import STRUCTURE_KEYS, Course, CourseError, Exercise, load_course
from grader.kinds.refactor import describe_target, structure_check
from grader.kinds.structure import LABELS, Unmeasurable, measure
from tests.helpers import by_name, grade_text

ROOT = Path(__file__).resolve().parents[3]


def metrics_of(source: str) -> dict[str, int]:
    return measure(textwrap.dedent(source))


def test_every_manifest_key_has_a_metric_and_a_label() -> None:
    assert tuple(LABELS) == STRUCTURE_KEYS
    assert tuple(metrics_of("x = 1\n")) == STRUCTURE_KEYS


def test_every_sentence_about_a_metric_uses_its_one_label() -> None:
    for key, label in LABELS.items():
        assert label in describe_target(key, 3) and label in describe_target(key, 0)
        missed = structure_check(key, 3, 9, {key: 12}, behaviour_ok=True, weight=1.0)
        assert label in missed.message and label in missed.description


REFACTORS = [e for e in load_course(ROOT).exercises if e.kind == "refactor"]


@pytest.mark.parametrize("exercise", REFACTORS, ids=lambda e: e.id)
def test_each_refactor_readme_names_every_metric_as_the_grader_does(exercise: Exercise) -> None:
    readme = (ROOT / exercise.path / "README.md").read_text(encoding="utf-8")
    missing = [label for label in LABELS.values() if label not in readme]
    assert not missing, f"{exercise.path}/README.md does not name: {missing}"


@pytest.mark.parametrize("page", ["docs/learner/course.md", "docs/authoring/kinds.md"])
def test_the_docs_name_every_metric_as_the_grader_does(page: str) -> None:
    text = (ROOT / page).read_text(encoding="utf-8")
    assert [label for label in LABELS.values() if label not in text] == []


def test_the_course_has_refactor_exercises() -> None:
    assert len(REFACTORS) >= 3


def test_no_functions_measures_zero() -> None:
    assert metrics_of("X = 5\nprint(X)\n") == dict.fromkeys(STRUCTURE_KEYS, 0)


def test_longest_function_counts_code_lines_only() -> None:
    source = '''
        def short():
            return 1

        def longer(a):
            """A docstring
            over two lines."""
            # a comment

            b = a + 1
            return b
    '''
    # def line, b = ..., return: docstring, comment and blank line are left out
    assert metrics_of(source)["longest_function"] == 3


def test_lines_are_counted_as_python_counts_them() -> None:
    # A form feed is a line break to str.splitlines but not to Python's parser.
    source = 'def f():\r\n    s = "a\x0cb"\r\n    return s\r\n\x0c\r\ndef g():\r\n    pass\r\n'
    assert measure(source)["longest_function"] == 3


def test_except_star_blocks_count_as_nesting() -> None:
    source = """
        def f():
            try:
                pass
            except* ValueError:
                if True:
                    pass
    """
    assert metrics_of(source)["deepest_nesting"] == 2


def test_deepest_nesting_counts_blocks_and_keeps_elif_flat() -> None:
    flat_chain = """
        def grade(score):
            if score > 90:
                return "A"
            elif score > 80:
                return "B"
            elif score > 70:
                return "C"
            else:
                return "F"
    """
    assert metrics_of(flat_chain)["deepest_nesting"] == 1
    nested = """
        def find(rows):
            for row in rows:
                if row:
                    while row:
                        try:
                            row.pop()
                        except IndexError:
                            pass
    """
    assert metrics_of(nested)["deepest_nesting"] == 4


def test_nested_function_is_measured_on_its_own() -> None:
    source = """
        def outer(items):
            def inner(x):
                if x:
                    if x > 1:
                        return x
            return [inner(i) for i in items]
    """
    assert metrics_of(source)["deepest_nesting"] == 2
    assert metrics_of(source)["branches_per_function"] == 2


def test_branches_count_every_decision() -> None:
    source = """
        def decide(a, b, items):
            if a and b or a:
                pass
            elif b:
                pass
            for item in items:
                pass
            while a:
                a -= 1
            try:
                pass
            except ValueError:
                pass
            value = 1 if a else 2
            return [i for i in items if i if i > 2]
    """
    # if, and/or (2), elif, for, while, except, if-expression, two comprehension filters
    assert metrics_of(source)["branches_per_function"] == 10


def test_repeated_blocks_ignore_names_and_values() -> None:
    source = """
        def price(kind, amount):
            if kind == "book":
                total = amount * 2
                total = total + 100
                return round(total / 100, 2)
            if kind == "pen":
                cost = amount * 3
                cost = cost + 250
                return round(cost / 100, 2)
            return 0
    """
    assert metrics_of(source)["repeated_blocks"] == 1


def test_small_look_alikes_are_not_repeated_blocks() -> None:
    source = """
        def grade(score):
            if score > 90:
                return "A"
            if score > 80:
                return "B"
            return "F"
    """
    assert metrics_of(source)["repeated_blocks"] == 0


def test_a_copied_block_is_counted_once_not_with_its_insides() -> None:
    block = """
            for row in rows:
                if row["total"] > limit:
                    flagged.append(row["id"])
                    seen.add(row["id"])
    """
    source = "def check(rows, limit, flagged, seen):" + block + block + block
    assert metrics_of(source)["repeated_blocks"] == 2


def test_magic_numbers_are_numbers_inside_functions() -> None:
    source = """
        VAT = 0.2

        def total(price, discount=5):
            if price > 1000:
                return price * 1.2 - 0 + 1
            return price * (1 + VAT) - 1000
    """
    # 1000 twice and 1.2; module constants, defaults, 0, 1 and -1 are fine
    assert metrics_of(source)["magic_numbers"] == 3


def test_most_parameters_leaves_out_self() -> None:
    source = """
        class Cart:
            def add(self, name, price, *, quantity=1, **extra):
                pass

        def simple(a):
            pass
    """
    assert metrics_of(source)["most_parameters"] == 4


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("def f(:\n", "not valid Python"),
        ("def f():\n    exec('x = 1')\n", "exec()"),
        ("x = " + "1 + " * 70_000 + "1\n", "longer than"),
        ("def f():\n    return " + "1+" * 60_000 + "1\n", "nested too deeply"),
    ],
    ids=["syntax-error", "exec", "huge", "deep-expression"],
)
def test_code_that_cannot_be_measured_says_why(source: str, reason: str) -> None:
    with pytest.raises(Unmeasurable, match=reason.replace("(", r"\(").replace(")", r"\)")):
        measure(source)


# --- the manifest -----------------------------------------------------------------------------

MESSY = '''\
def total(lines):
    """Add up the prices on lines such as 'apple 50'."""
    result = 0
    for line in lines:
        if line:
            if " " in line:
                if line.split()[1].isdigit():
                    result = result + int(line.split()[1])
    if result > 1000:
        result = result - 100
    return result
'''
CLEAN = '''\
BIG_ORDER = 1000
BIG_ORDER_DISCOUNT = 100


def total(lines):
    """Add up the prices on lines such as 'apple 50'."""
    result = sum(price_of(line) for line in lines)
    return result - BIG_ORDER_DISCOUNT if result > BIG_ORDER else result


def price_of(line):
    parts = line.split()
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
'''
SUITE = '''\
from grader.testkit import call


def test_adds_prices(learner):
    """Prices are added up."""
    call(learner.total, ["apple 50", "pear 25"]).returns(75)


def test_skips_bad_lines(learner):
    """Lines without a price count nothing."""
    call(learner.total, ["", "apple", "pear x"]).returns(0)


def test_big_order_discount(learner):
    """Orders over 1000 get 100 off."""
    call(learner.total, ["tv 1200"]).returns(1100)
    call(learner.total, ["tv 1000"]).returns(1000)
'''
REFACTOR_ENTRY = """
[[exercise]]
id = "tidy-total"
module = "basics"
title = "Tidy total"
path = "exercises/01_basics/09_tidy_total"
kind = "refactor"
points = 12
files = ["total.py"]
{structure}
"""
TARGETS = "[exercise.structure]\ndeepest_nesting = 2\nmagic_numbers = 0\n"


def add_refactor_exercise(course_dir: Path, structure: str = TARGETS) -> Path:
    """Add a small refactor exercise to the mini course copy; return its manifest."""
    for folder, text in (("exercises", MESSY), ("solutions", CLEAN)):
        target = course_dir / folder / "01_basics/09_tidy_total"
        target.mkdir(parents=True)
        (target / "total.py").write_text(text, encoding="utf-8")
    suite = course_dir / "grader/suites/01_basics/09_tidy_total"
    suite.mkdir(parents=True)
    (suite / "test_total.py").write_text(SUITE, encoding="utf-8")
    manifest = course_dir / "exercises/course.toml"
    with manifest.open("a", encoding="utf-8") as text:
        text.write(REFACTOR_ENTRY.format(structure=structure))
    return manifest


def test_structure_targets_load_in_manifest_order(course_dir: Path) -> None:
    add_refactor_exercise(course_dir)
    exercise = load_course(course_dir).find("tidy-total")
    assert exercise.kind == "refactor"
    assert exercise.structure == (("deepest_nesting", 2), ("magic_numbers", 0))


@pytest.mark.parametrize(
    ("structure", "error"),
    [
        (
            "[exercise.structure]\nlongest_fnction = 10\n",
            "exercise 'tidy-total', [exercise.structure]: unknown key 'longest_fnction' "
            "(did you mean 'longest_function'?)",
        ),
        ("[exercise.structure]\ndeepest_nesting = 2.5\n", "'deepest_nesting' must be a whole number"),
        ("[exercise.structure]\ndeepest_nesting = -1\n", "'deepest_nesting' must be a whole number"),
        ("", "a refactor needs an [exercise.structure] table"),
        ('structure = "tidy"\n', "a refactor needs an [exercise.structure] table"),
    ],
    ids=["unknown-key", "not-whole", "negative", "missing", "not-a-table"],
)
def test_bad_structure_targets_are_refused(course_dir: Path, structure: str, error: str) -> None:
    manifest = add_refactor_exercise(course_dir, structure)
    with pytest.raises(CourseError) as caught:
        load_course(course_dir)
    assert str(caught.value).startswith(str(manifest))
    assert error in str(caught.value)


def test_structure_targets_need_the_refactor_kind(course_dir: Path) -> None:
    manifest = course_dir / "exercises/course.toml"
    text = manifest.read_text(encoding="utf-8")
    marker = 'files = ["leap_year.py"]\n'
    manifest.write_text(text.replace(marker, marker + "structure = { deepest_nesting = 1 }\n", 1))
    with pytest.raises(CourseError, match="'structure' targets need kind = \"refactor\""):
        load_course(course_dir)


# --- grading ----------------------------------------------------------------------------------


@pytest.fixture
def refactor_course(course_dir: Path) -> Course:
    add_refactor_exercise(course_dir)
    return load_course(course_dir)


def test_an_unimproved_file_keeps_its_behaviour_points_but_fails(refactor_course: Course) -> None:
    feedback = grade_text(refactor_course, "tidy-total", MESSY)
    tests = by_name(feedback)
    assert feedback.status == "failed"
    assert [tests[n].status for n in ("test_adds_prices", "test_skips_bad_lines")] == ["passed", "passed"]
    nesting = tests["structure_deepest_nesting"]
    assert nesting.description == "Structure: at most 2 levels of nesting."
    assert nesting.message == (
        "Your code has 4 levels of nesting (the starter: 4); the target is at most 2. "
        "No better than the starter yet."
    )
    assert nesting.hint.startswith("Handle the cases you can decide at once first and return early")
    assert tests["structure_magic_numbers"].description == "Structure: no unnamed numbers inside functions."
    # outside git the starter cannot be recognised, so it is graded as an edited file:
    # behaviour is half the points (3 tests of 1 point), structure the other half: 6 of 12
    assert feedback.score == 6.0
    assert feedback.max_score == 12.0


def test_metrics_report_before_now_and_target(refactor_course: Course) -> None:
    feedback = grade_text(refactor_course, "tidy-total", CLEAN)
    assert feedback.status == "passed" and feedback.score == 12.0
    metrics = {m.name: m for m in feedback.metrics}
    assert tuple(metrics) == STRUCTURE_KEYS
    nesting = metrics["deepest_nesting"]
    assert (nesting.before, nesting.value, nesting.target, nesting.met) == (4, 0, 2, True)
    longest = metrics["longest_function"]
    assert (longest.before, longest.target, longest.met) == (10, None, None)


def test_structure_counts_only_when_behaviour_is_unchanged(refactor_course: Course) -> None:
    broken = CLEAN.replace("result > BIG_ORDER", "result >= BIG_ORDER")
    feedback = grade_text(refactor_course, "tidy-total", broken)
    tests = by_name(feedback)
    assert tests["test_big_order_discount"].status == "failed"
    check = tests["structure_deepest_nesting"]
    assert check.status == "failed" and check.points == 0.0
    assert check.message.startswith("Target met (0, at most 2), but it counts only once every behaviour test")
    assert feedback.score == 4.0  # two behaviour tests of six points in all, twelve points for the exercise


def test_code_hidden_in_exec_fails_the_structure_checks(refactor_course: Course) -> None:
    hidden = "exec(" + repr(MESSY) + ")\n"
    feedback = grade_text(refactor_course, "tidy-total", hidden)
    check = by_name(feedback)["structure_magic_numbers"]
    assert feedback.status == "failed"
    assert check.message == (
        "The structure of your code could not be measured: it runs code from text with exec(), "
        "which cannot be measured."
    )


def test_a_file_that_does_not_load_shows_only_the_error(refactor_course: Course) -> None:
    feedback = grade_text(refactor_course, "tidy-total", "def total(:\n")
    assert feedback.status == "error"
    assert not any(t.name.startswith("structure_") for t in feedback.tests)
    assert feedback.metrics == ()
