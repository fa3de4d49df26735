"""The learner files behind the golden feedback tests: one realistic mistake each.

Each case names the course fixture, the exercise and the learner's file. The
comment above a case says what the feedback must (and must not) say.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.helpers import FIXTURES, LEAP_YEAR


@dataclass(frozen=True)
class Case:
    course: str
    exercise: str
    source: str  # empty: the exercise's own starter file


def mini(source: str) -> Case:
    return Case("mini_course", "leap-year", source)


def lab(exercise: str, source: str) -> Case:
    return Case("feedback_course", exercise, source)


CASES: dict[str, Case] = {
    "passing": mini(LEAP_YEAR),
    "failing": mini("def leap_year(year):\n    return year % 4 == 0\n"),
    # A SyntaxError shows the learner's line with a caret under where Python stopped, as Python does.
    "syntax_error": mini("def leap_year(year)\n    return year % 4 == 0\n"),
    # An indented line: shown without its indentation, the carets under the whole expression.
    "syntax_error_indented": mini("def leap_year(year):\n    if year % 4 = 0:\n        return True\n"),
    "not_started": mini(""),
    "printed_instead_of_returned": mini(
        "def leap_year(year):\n    print(year % 4 == 0 and (year % 100 != 0 or year % 400 == 0))\n"
    ),
    "timeout": mini(
        "def leap_year(year):\n    if year % 400 == 0:\n        return True\n"
        "    while year % 100 == 0:  # meant `if`: never ends for 1900\n        pass\n"
        "    return year % 4 == 0\n"
    ),
    "exception": mini(
        "def leap_year(year):\n    return share_of_centuries(year) == 0\n\n\n"
        "def share_of_centuries(year):\n    return year / (year % 4)\n"
    ),
    # A str instead of a bool: the types are named; no 400/100 hint, the bool hint instead.
    "leap_text_instead_of_bool": lab(
        "leap",
        "def leap_year(year):\n    return str(year % 4 == 0 and (year % 100 != 0 or year % 400 == 0))\n",
    ),
    # A plain wrong value: the century hint is the right one. Score 4 of 6 tests: 6.7 points.
    "leap_ignores_centuries": lab("leap", "def leap_year(year):\n    return year % 4 == 0\n"),
    # The failure matches a known-wrong variant exactly: its hint, saying which mistake it looks like.
    "leap_known_mistake": lab("leap", "def leap_year(year):\n    return year % 4 == 0 and year % 100 != 0\n"),
    # The same mistake and one more: no known mistake fails this way, so no guess, only the facts.
    "leap_two_mistakes": lab(
        "leap", "def leap_year(year):\n    return year % 4 == 0 and year % 100 != 0 or year == 2023\n"
    ),
    # Wrong only for 2100: no hint_if, no variant, no diagnosis explains it: the facts and no hint.
    "leap_no_evidence": lab("leap", "def leap_year(year):\n    return year % 4 == 0 and year != 1900\n"),
    # Every test printed instead of returning: said once in the terminal.
    "leap_printed": lab(
        "leap",
        "def leap_year(year):\n    print(year % 4 == 0 and (year % 100 != 0 or year % 400 == 0))\n",
    ),
    # Never ends for centuries: two timeouts said once; no century hint.
    "leap_endless_centuries": lab(
        "leap",
        "def leap_year(year):\n    if year % 400 == 0:\n        return True\n"
        "    while year % 100 == 0:\n        pass\n    return year % 4 == 0\n",
    ),
    # A loop whose body sets its variable again to the same value: back at the loop's start with
    # nothing changed, it is said to never end at once, not after the whole time limit.
    "leap_endless_reassigned": lab(
        "leap",
        "def leap_year(year):\n    century = year // 100\n"
        "    while year % 100 == 0 and year % 400 != 0:\n        year = century * 100\n"
        "    return year % 4 == 0\n",
    ),
    # A debug print is not the answer: "balance is now -10" is not a printed 1.
    "bank_debug_print": lab(
        "bank",
        "def first_overdraft(balance, moves):\n    for move in moves:\n        balance += move\n"
        "        print('balance is now', balance)\n\n\n"
        "def count_overdrafts(balance, moves):\n    print('counting', len(moves), 'moves')\n",
    ),
    # Cut-off output: our note's digits are never taken for a printed 5 or 0.
    "bank_prints_spam": lab(
        "bank",
        "def first_overdraft(balance, moves):\n    return None\n\n\n"
        "def count_overdrafts(balance, moves):\n    for _ in range(6000):\n        print('spam')\n",
    ),
    # One function still a stub: "not started" said once for its tests.
    "bank_half_started": lab(
        "bank",
        "def first_overdraft(balance, moves):\n    for index, move in enumerate(moves):\n"
        "        balance += move\n        if balance < 0:\n            return index\n\n\n"
        "def count_overdrafts(balance, moves):\n    raise NotImplementedError\n",
    ),
    # None shown as None, and the hint for exactly this wrong value (0 instead of None).
    "bank_zero_counts": lab(
        "bank",
        "def first_overdraft(balance, moves):\n    for index, move in enumerate(moves):\n"
        "        balance += move\n        if balance <= 0:\n            return index\n\n\n"
        "def count_overdrafts(balance, moves):\n    return 0\n",
    ),
    # Lists instead of tuples: the type difference inside, never the mutation hint.
    "pairs_lists_not_tuples": lab(
        "pairs",
        "def pairs_with_sum(numbers, target):\n    found = []\n    for i in range(len(numbers)):\n"
        "        for j in range(i + 1, len(numbers)):\n"
        "            if numbers[i] + numbers[j] == target:\n                found.append([i, j])\n"
        "    return found\n\n\n"
        "def squares(n):\n    return [k * k for k in range(1, n + 1)]\n",
    ),
    # Sorting the caller's list: the mutation, with the test's hint for it.
    "pairs_sorts_input": lab(
        "pairs",
        "def pairs_with_sum(numbers, target):\n    numbers.sort()\n    found = []\n"
        "    for i in range(len(numbers)):\n        for j in range(i + 1, len(numbers)):\n"
        "            if numbers[i] + numbers[j] == target:\n                found.append((i, j))\n"
        "    return found\n\n\n"
        "def squares(n):\n    return [k * k for k in range(1, n + 1)]\n",
    ),
    # yield instead of a list: "you returned a generator", said once for all three tests.
    "pairs_generator": lab(
        "pairs",
        "def pairs_with_sum(numbers, target):\n    for i in range(len(numbers)):\n"
        "        for j in range(i + 1, len(numbers)):\n"
        "            if numbers[i] + numbers[j] == target:\n                yield (i, j)\n\n\n"
        "def squares(n):\n    for k in range(1, n + 1):\n        yield k * k\n",
    ),
    # A long list one short: the lengths and the first difference, not two dumps.
    # Slow, not endless: 3 items finish (0.46 s), 4 do not within 1 s. Never called a loop that never ends.
    "pairs_too_slow": lab(
        "pairs",
        "import time\n\n\ndef pairs_with_sum(numbers, target):\n"
        "    time.sleep(0.017 * len(numbers) ** 3)  # as slow as n³ work\n"
        "    return [(i, j) for i in range(len(numbers))\n"
        "            for j in range(i + 1, len(numbers)) if numbers[i] + numbers[j] == target]\n\n\n"
        "def squares(n):\n    return [k * k for k in range(1, n + 1)]\n",
    ),
    "pairs_squares_one_short": lab(
        "pairs",
        "def pairs_with_sum(numbers, target):\n    return [(i, j) for i in range(len(numbers))\n"
        "            for j in range(i + 1, len(numbers)) if numbers[i] + numbers[j] == target]\n\n\n"
        "def squares(n):\n    return [k * k for k in range(1, n)]\n",
    ),
    # A typo raises NameError where ValueError was expected: the message and the line, in full.
    "status_name_error": lab(
        "status",
        "def next_status(current, event):\n    if current == 'new' and event == 'pay':\n"
        "        return 'paid'\n    raise ValueError(f'cannot {evnt}')\n",
    ),
    # Vague messages: what they should mention, in words, never as a pattern.
    "status_vague_messages": lab(
        "status",
        "def next_status(current, event):\n    if current == 'new' and event == 'pay':\n"
        "        return 'paid'\n    raise ValueError('no')\n",
    ),
    # Printing the error instead of raising it: diagnosed, and said once.
    "status_prints_error": lab(
        "status",
        "def next_status(current, event):\n    if current == 'new' and event == 'pay':\n"
        "        return 'paid'\n    print(f'cannot {event} an order that is {current}')\n",
    ),
    # No check in remove(): the method call retold with the calls before it.
    "inventory_no_check": lab(
        "inventory",
        "class Inventory:\n    def __init__(self):\n        self.counts = {}\n\n"
        "    @property\n    def total(self):\n        return sum(self.counts.values())\n\n"
        "    def add(self, name, count):\n        self.counts[name] = self.counts.get(name, 0) + count\n\n"
        "    def remove(self, name, count):\n        self.counts[name] -= count\n\n"
        "    def __repr__(self):\n        return f'Inventory({self.counts!r})'\n\n"
        "    def __eq__(self, other):\n        return self.counts == other.counts\n",
    ),
    # __init__ raises: every test says so, with the line.
    "inventory_init_raises": lab(
        "inventory",
        "class Inventory:\n    def __init__(self):\n        self.counts = dict(self.start)\n",
    ),
    # __repr__ raises and == is not defined: both reported against the object's history.
    "inventory_repr_raises_no_eq": lab(
        "inventory",
        "class Inventory:\n    def __init__(self):\n        self.counts = {}\n\n"
        "    @property\n    def total(self):\n        return len(self.counts)\n\n"
        "    def add(self, name, count):\n        self.counts[name] = self.counts.get(name, 0) + count\n\n"
        "    def remove(self, name, count):\n        if self.counts.get(name, 0) < count:\n"
        "            raise ValueError('not enough')\n        self.counts[name] -= count\n\n"
        "    def __repr__(self):\n        return 'Inventory(' + self.counts + ')'\n",
    ),
    # A recursive walk: a loop of parents goes round in a circle (said so, from the repeated call), a
    # long chain is only too deep (with the suite's while-loop hint), and countdown has no base case
    # (its two failures said once); every recursion's frame once, with its count.
    "chain_recursive_walk": lab(
        "chain",
        "def path_up(parent_of, start):\n    parent = parent_of[start]\n    if parent is None:\n"
        "        return [start]\n    return [start, *path_up(parent_of, parent)]\n\n\n"
        "def countdown(n):\n    return [n] + countdown(n - 1)\n",
    ),
    # A base case at 1 that countdown(0) steps past: the base case is never reached, not too deep.
    "chain_steps_past_its_base_case": lab(
        "chain",
        "def path_up(parent_of, start):\n    path = [start]\n    while parent_of[path[-1]] is not None:\n"
        "        if parent_of[path[-1]] in path:\n            raise ValueError('loop')\n"
        "        path.append(parent_of[path[-1]])\n    return path\n\n\n"
        "def countdown(n):\n    if n == 1:\n        return [1]\n    return [n] + countdown(n - 1)\n",
    ),
    # A base case that tests for None, not for an empty list: the list stops shrinking at 0 items,
    # which is said with the call it started at; endless, not too deep.
    "chain_base_case_never_met": lab(
        "chain",
        "def path_up(parent_of, start):\n    path = [start]\n    while parent_of[path[-1]] is not None:\n"
        "        if parent_of[path[-1]] in path:\n            raise ValueError('loop')\n"
        "        path.append(parent_of[path[-1]])\n    return path\n\n\n"
        "def countdown(n):\n    return count_from(list(range(n, 0, -1)))\n\n\n"
        "def count_from(numbers):\n    if numbers is None:\n        return []\n"
        "    return numbers[:1] + count_from(numbers[1:])\n",
    ),
    # Tests failing on the correct version: said once, and each bug check names its bug.
    "write_tests_fail_on_correct": Case(
        "write_tests_course",
        "test-absolute",
        "from absolute import absolute\n\n\ndef test_negative():\n    assert absolute(-2) == -2\n",
    ),
    # One bug caught, one missed: each check has its own description.
    "write_tests_miss_a_bug": Case(
        "write_tests_course",
        "test-absolute",
        "from absolute import absolute\n\n\ndef test_positive():\n    assert absolute(3) == 3\n",
    ),
    # Tests pytest will not run are named with the rule that leaves each out (a misspelt name, a
    # class with __init__, a class not named Test...); testorder is run, so it is not named; a failure
    # on the correct version shows the learner's line and the exception it met, in full.
    "write_tests_not_collected": Case(
        "write_tests_course",
        "test-absolute",
        "import pytest\nfrom absolute import absolute\n\n\n"
        "def test_zero():\n    assert absolute(0) == 0\n\n\n"
        "def test_raises_for_text():\n    absolute('x')\n\n\n"
        "def tset_negative():\n    assert absolute(-2) == 2\n\n\n"
        "def testpositive():\n    assert absolute(3) == 3\n\n\n"
        "def check(value, expected):\n    assert absolute(value) == expected\n\n\n"
        "def test_with_helper():\n    check(5, 5)\n\n\n"
        "class TestNegative:\n    def __init__(self):\n        self.value = -3\n\n"
        "    def test_negative(self):\n        assert absolute(self.value) == 3\n\n\n"
        "class NegativeTests:\n    def test_minus_one(self):\n        assert absolute(-1) == 1\n",
    ),
    # Standard-library values with the right type and wrong content, one test each (Counter,
    # OrderedDict, defaultdict, deque, ChainMap, named tuple, Decimal, Fraction, complex, datetime,
    # date, time, timedelta, timezone, UUID, range, bytearray, a dict view, an enum member, a list
    # subclass, a class with __iter__, a lazy filter in assertCountEqual): each is shown as itself;
    # a dict subclass is never "the wrong type" where a dict was expected, a values view is.
    "plain_values_wrong": Case(
        "plain_values_course",
        "returns",
        (FIXTURES / "plain_values_course" / "wrong_returns.py").read_text(encoding="utf-8"),
    ),
    # A plain suite tries, at run time, what cannot cross: each test says what it tried and that
    # it is the suite's problem (an error, not the learner's mistake, never "the grader failed").
    # Pile has a method of its own, so it stays in the worker; len() of it is asked there.
    "plain_suite_refusals": Case(
        "plain_features_course",
        "sorter",
        "def sort_by(items, key):\n    return sorted(items, key=key)\n\n\n"
        "def apply(function, value):\n    return function(value)\n\n\ndef double(x):\n    return 2 * x\n\n\n"
        "class Pile(list):\n    def top(self):\n        return self[-1]\n\n\n"
        "def pile(*items):\n    return Pile(items)\n",
    ),
    # A unittest suite's self.assert* checks are explained like a bare assert: the call, the types
    # (not "96 is not True." or "1 != '1'."), None returned, printed instead of returned, a changed
    # argument, an exception expected; assertCountEqual on None is the learner's None, never "the
    # grader itself failed".
    "unittest_assertions": Case(
        "unittest_course",
        "scores",
        "def is_passing(score):\n    return score if score >= 50 else 0\n\n\n"
        "def parse_score(text):\n    return text.strip()\n\n\n"
        "def top_three(scores):\n    pass\n\n\n"
        "def total(scores):\n    print(sum(scores))\n\n\n"
        "def ascending(scores):\n    scores.sort()\n    return scores\n\n\n"
        "def medals(score):\n    return ['silver']\n",
    ),
}
