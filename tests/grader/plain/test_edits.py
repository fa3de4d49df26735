"""A plain test that sets or deletes an attribute of a learner object changes the learner's own object."""

from __future__ import annotations

import pytest

from grader.course.manifest import Course, load_course
from tests.helpers import FIXTURES, by_name, copy_course, grade_text

SHOP = (FIXTURES / "plain_features_course/solutions/01_shop/01_cart/shop.py").read_text(encoding="utf-8")
# The learner's cart gains a read-only property, which only the learner's object can refuse to set.
SIZED = SHOP.replace(
    "    def total(self):",
    "    @property\n    def size(self):\n        return len(self.items)\n\n    def total(self):",
)

EDITS = '''

class Box:
    """An object of the suite's own."""


def test_a_set_attribute_reaches_the_learner(cart):
    cart.items = ["pear", "pear"]
    assert cart.items == ["pear", "pear"]
    assert cart.total() == 6


def test_an_augmented_assignment_reaches_the_learner(cart):
    cart.items += ["pear"]
    assert cart.total() == 5


def test_a_deleted_attribute_is_gone(cart):
    del cart.items
    with pytest.raises(AttributeError):
        cart.total()


def test_a_learner_property_refuses_to_be_set(cart):
    with pytest.raises(AttributeError):
        cart.size = 3
    assert cart.size == 1


def test_a_class_attribute_is_set_on_the_learners_class():
    Cart.label = "till"
    assert Cart().label == "till"


def test_a_module_object_is_changed_where_it_lives():
    SAMPLE.items = ["pear"]
    assert shop.SAMPLE.total() == 3


def test_a_method_replaced_by_a_value_reads_as_the_value(cart):
    cart.add("pear")
    cart.add = 5
    assert cart.add == 5


def test_setting_an_object_of_the_suite():
    made = Cart()
    made.items = [Box()]


def test_a_failure_after_setting_retells_it(cart):
    cart.items = ["pear"]
    assert cart.total() == 3
'''


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Course:
    root = copy_course(tmp_path_factory.mktemp("edits") / "course", FIXTURES / "plain_features_course")
    loaded = load_course(root)
    suite = loaded.suite_dir(loaded.find("cart")) / "test_shop.py"
    suite.write_text(suite.read_text(encoding="utf-8") + EDITS, encoding="utf-8")
    return loaded


def test_attribute_changes_reach_the_learners_objects(course: Course) -> None:
    tests = by_name(grade_text(course, "cart", SIZED))
    changed = [name for name in tests if name not in ("test_setting_an_object_of_the_suite",)]
    assert {name: tests[name].status for name in changed} == dict.fromkeys(changed, "passed")


def test_a_value_that_cannot_cross_is_refused_as_the_suites_problem(course: Course) -> None:
    test = by_name(grade_text(course, "cart", SIZED))["test_setting_an_object_of_the_suite"]
    assert (test.status, test.diagnosis) == ("error", "error")
    assert test.message == (
        "This test cannot be graded as written: it sets Cart().items to a Box object of its own; only "
        "plain data (numbers, text, lists, dicts ...) can cross to the process where your code runs. "
        "This is a problem with the test, not with your code: please tell your instructor."
    )


def test_a_failure_names_the_attribute_set_before(course: Course) -> None:
    counting = SIZED.replace("return sum(PRICES[name] for name in self.items)", "return len(self.items)")
    test = by_name(grade_text(course, "cart", counting))["test_a_failure_after_setting_retells_it"]
    assert test.message == (
        "Called make_cart('apple').total() after setting items = ['pear']; got 1, expected 3."
    )


def test_a_setter_that_raises_is_the_learners_exception(course: Course) -> None:
    guarded = SIZED.replace(
        "    def add(self, name):",
        "    def __setattr__(self, name, value):\n"
        "        if name != 'items' or value == []:\n"
        "            object.__setattr__(self, name, value)\n"
        "        else:\n"
        "            raise ValueError('use add()')\n\n"
        "    def add(self, name):",
    )
    test = by_name(grade_text(course, "cart", guarded))["test_a_set_attribute_reaches_the_learner"]
    assert test.status == "failed"
    assert test.message == (
        "Called make_cart('apple').items = ['pear', 'pear']; your code raised ValueError: use add()."
    )
