"""grader validate refuses what a plain suite cannot do across the process boundary."""

from __future__ import annotations

from pathlib import Path

from grader.course.manifest import load_course
from grader.plain.scan import MONKEYPATCH, NAMESPACE, PLAIN_ONLY, suite_problems
from grader.validate import validate_course
from tests.helpers import FIXTURES, copy_course


def scan(tmp_path: Path, source: str) -> list[str]:
    (tmp_path / "test_suite.py").write_text(source, encoding="utf-8")
    (tmp_path / "mistakes").mkdir()
    (tmp_path / "mistakes" / "wrong.py").write_text("import solution\nsolution.x = 1\n", encoding="utf-8")
    return suite_problems(tmp_path, ["solution"])


def test_a_plain_suite_has_no_problems(tmp_path: Path) -> None:
    source = "import pytest\nfrom solution import add\n\ndef test_add():\n    assert add(2, 3) == 5\n"
    assert scan(tmp_path, source) == []


def test_monkeypatching_the_learner_module_is_refused(tmp_path: Path) -> None:
    source = (
        "import solution\n\n"
        "def test_a(monkeypatch):\n    monkeypatch.setattr(solution, 'rate', lambda: 2)\n\n"
        "def test_b(monkeypatch):\n    monkeypatch.setattr('solution.rate', 3)\n\n"
        "def test_c():\n    solution.rate = 4\n"
    )
    found = scan(tmp_path, source)
    assert [p.split(":")[1] for p in found] == ["4", "7", "10"]
    assert all("monkeypatching it would test nothing" in p for p in found)


def test_passing_a_suite_function_is_refused(tmp_path: Path) -> None:
    source = (
        "from solution import apply\n\ndef double(x):\n    return 2 * x\n\n"
        "def test_a():\n    assert apply(double, 2) == 4\n\n"
        "def test_b():\n    assert apply(lambda x: x, 2) == 2\n\n"
        "def test_c():\n    assert apply(2, key=len) == 2\n"
    )
    found = scan(tmp_path, source)
    assert [p.split(":")[1] for p in found] == ["7", "10"]
    assert "only plain data" in found[0]


def test_star_import_and_internals_are_refused(tmp_path: Path) -> None:
    source = "from solution import *\nimport solution as s\n\ndef test_a():\n    assert s.__dict__\n"
    found = scan(tmp_path, source)
    assert "import each name you use" in found[0]
    assert found[1].endswith("reads s.__dict__: " + NAMESPACE)


def test_unrelated_modules_are_left_alone(tmp_path: Path) -> None:
    source = (
        "import math\n\ndef test_a(monkeypatch):\n    monkeypatch.setattr(math, 'pi', 3)\n    math.tau = 6\n"
    )
    assert scan(tmp_path, source) == []


def test_a_module_named_like_the_standard_library_is_refused(tmp_path: Path) -> None:
    (tmp_path / "test_suite.py").write_text("from queue import push\n", encoding="utf-8")
    assert "name of a standard Python module" in suite_problems(tmp_path, ["queue"])[0]


def test_learner_values_used_while_the_suite_is_imported_are_refused(tmp_path: Path) -> None:
    source = (
        "import pytest\nimport solution\nfrom solution import RATE, price\n\n"
        "CASES = [(n, n * RATE) for n in range(3)]\n\n"
        "@pytest.mark.parametrize('limit', [solution.LIMIT])\n"
        "def test_a(limit, rate=RATE):\n    assert price(1) == RATE\n\n"
        "@pytest.fixture\ndef cheap():\n    return price(solution.LIMIT)\n\n"
        "make = lambda: price(RATE)\n"
    )
    found = scan(tmp_path, source)
    assert [p.split(":")[1] for p in found] == ["5", "7", "8"]
    assert found[0].endswith(
        "uses RATE of the learner's module while the suite is imported (outside a test or fixture); "
        "the suite's tests must not depend on a submission: read it inside a test or fixture"
    )
    assert "uses solution.LIMIT" in found[1]


def test_changing_an_item_of_a_learner_value_is_refused(tmp_path: Path) -> None:
    source = (
        "import solution\nfrom solution import PRICES\n\n"
        "def test_a():\n    PRICES['kiwi'] = 4\n    solution.PRICES['pear'] += 1\n"
        "    del solution.SIZES[0]\n    mine = {}\n    mine['x'] = PRICES\n"
    )
    found = scan(tmp_path, source)
    assert [p.split(":")[1] for p in found] == ["5", "6", "7"]
    assert all("the suite holds a copy" in p for p in found)


def test_validate_names_the_refusal_of_a_suite_that_cannot_be_collected(tmp_path: Path) -> None:
    course = load_course(copy_course(tmp_path / "course", FIXTURES / "plain_features_course"))
    cart = course.find("cart")
    suite = course.suite_dir(cart) / "test_shop.py"
    suite.write_text(suite.read_text(encoding="utf-8") + "\n\nTWICE = LIMIT * 2\n", encoding="utf-8")
    check = validate_course(course, [cart]).exercises[0]
    assert not check.ok and check.reference_status == "error"
    assert [p.split(": ", 1)[1] for p in check.suite_problems] == [
        "uses LIMIT of the learner's module while the suite is imported (outside a test or fixture); "
        "the suite's tests must not depend on a submission: read it inside a test or fixture"
    ]


def test_subclassing_a_learner_class_is_refused(tmp_path: Path) -> None:
    source = (
        "import solution\nfrom solution import Cart\n\n"
        "class Mine(Cart):\n    pass\n\nclass Other(solution.Cart):\n    pass\n"
    )
    found = scan(tmp_path, source)
    assert [p.split(":")[1] for p in found] == ["4", "7"]
    assert "class Mine subclasses a class of the learner's module" in found[0]


def test_attributes_of_learner_objects_may_be_set_but_not_to_suite_functions(tmp_path: Path) -> None:
    source = (
        "import solution\nfrom solution import Cart, SAMPLE\n\ndef double(x):\n    return 2 * x\n\n"
        "def test_a():\n    cart = Cart()\n    cart.owner = 'x'\n    cart.count += 1\n    del cart.owner\n"
        "    SAMPLE.owner = 'y'\n    solution.SAMPLE.owner = 'z'\n"
        "    SAMPLE.key = double\n    solution.SAMPLE.key = lambda x: x\n"
    )
    found = scan(tmp_path, source)
    assert [p.split(":", 2)[1:] for p in found] == [
        ["14", " sets SAMPLE.key to a function of the suite; " + PLAIN_ONLY],
        ["15", " sets solution.SAMPLE.key to a function of the suite; " + PLAIN_ONLY],
    ]


def test_changing_the_learner_module_names_the_attribute(tmp_path: Path) -> None:
    source = "import solution\n\ndef test_a():\n    solution.RATE = 2\n    del solution.LIMIT\n"
    found = scan(tmp_path, source)
    assert [p.split(": ", 1)[1] for p in found] == [
        "changes solution.RATE, an attribute of the learner's module: " + MONKEYPATCH,
        "deletes solution.LIMIT, an attribute of the learner's module: " + MONKEYPATCH,
    ]


def test_the_module_namespace_is_refused_and_dir_only_inside_tests(tmp_path: Path) -> None:
    source = (
        "import solution as s\n\nNAMES = dir(s)\n\n"
        "def test_a():\n    assert 'add' in dir(s)\n    assert vars(s)\n    assert s.__dict__\n"
    )
    found = scan(tmp_path, source)
    assert [p.split(": ", 1)[1] for p in found] == [
        "uses dir(s), the learner module's names, while the suite is imported (outside a test or "
        "fixture); the suite's tests must not depend on a submission: read it inside a test or fixture",
        "reads vars(s): " + NAMESPACE,
        "reads s.__dict__: " + NAMESPACE,
    ]
