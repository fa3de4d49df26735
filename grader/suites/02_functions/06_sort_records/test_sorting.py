"""Hidden tests for the sort-records exercise."""

import pytest

from grader.testkit import call


def people():
    return [
        {"name": "Cleo", "age": 30, "team": "api"},
        {"name": "Ada", "age": 36, "team": "web"},
        {"name": "Bo", "age": 30, "team": "web"},
        {"name": "Dan", "age": 25, "team": "api"},
    ]


def named(*names):
    by_name = {p["name"]: p for p in people()}
    return [by_name[n] for n in names]


@pytest.mark.points(2)
def test_by_field_returns_a_key_function(learner):
    """by_field('age') gives a function that reads a record's age."""
    age = learner.by_field("age")
    name = learner.by_field("name")
    call(age, {"name": "Ada", "age": 36}).returns(36)
    call(name, {"name": "Ada", "age": 36}).returns("Ada")
    call(age, {"age": 1}).returns(1)


def test_by_field_refuses_a_missing_field(learner):
    """The key function raises ValueError naming a field the record does not have."""
    email = learner.by_field("email")
    call(email, {"name": "Ada"}).raises(
        ValueError, match="cannot sort by 'email': a record has no such field"
    )


def test_one_field_ascending(learner):
    """'name' sorts by name, A to Z."""
    call(learner.sort_records, people(), "name").returns(named("Ada", "Bo", "Cleo", "Dan"))


def test_one_field_descending(learner):
    """'-age' sorts oldest first, and ties keep their order."""
    call(learner.sort_records, people(), "-age").returns(named("Ada", "Cleo", "Bo", "Dan"))


def test_ties_keep_their_order(learner):
    """Records that tie keep the order they had: sorting by team keeps Cleo before Dan."""
    call(learner.sort_records, people(), "team").returns(named("Cleo", "Dan", "Ada", "Bo"))


@pytest.mark.points(3)
def test_two_fields(learner):
    """'-age,name' sorts oldest first, then by name among equal ages."""
    call(learner.sort_records, people(), "-age,name").returns(named("Ada", "Bo", "Cleo", "Dan"))
    call(learner.sort_records, people(), " team , -age ").returns(named("Cleo", "Dan", "Ada", "Bo"))


@pytest.mark.points(2)
def test_three_fields_mixed(learner):
    """'team,-age,name' sorts by team, then oldest first, then by name."""
    rows = [
        {"team": "b", "age": 1, "name": "x"},
        {"team": "a", "age": 2, "name": "z"},
        {"team": "a", "age": 2, "name": "y"},
        {"team": "a", "age": 3, "name": "w"},
        {"team": "b", "age": 1, "name": "v"},
    ]
    expected = [rows[3], rows[2], rows[1], rows[4], rows[0]]
    call(learner.sort_records, rows, "team,-age,name").returns(expected)


def test_the_callers_list_is_unchanged(learner):
    """The records given are left in their order; a new list comes back."""
    call(learner.sort_records, people(), "name").left_arguments_unchanged().returns(
        named("Ada", "Bo", "Cleo", "Dan")
    )


def test_empty_one_and_duplicates(learner):
    """No records give []; one record comes back alone; equal records are all kept."""
    call(learner.sort_records, [], "-age").returns([])
    call(learner.sort_records, [{"age": 1}], "age").returns([{"age": 1}])
    twice = [{"n": 2}, {"n": 1}, {"n": 2}, {"n": 1}]
    call(learner.sort_records, twice, "-n").returns([{"n": 2}, {"n": 2}, {"n": 1}, {"n": 1}])


def test_many_records(learner):
    """3000 records sort by two fields like sorted() with a tuple key would."""
    rows = [{"id": i, "group": i * 7 % 13, "score": i * 31 % 101} for i in range(3000)]
    expected = sorted(rows, key=lambda r: (-r["group"], r["score"], r["id"]))
    call(learner.sort_records, rows, "-group,score").returns(expected)


@pytest.mark.points(2)
def test_a_missing_field_is_refused(learner):
    """Sorting by a field the records lack raises ValueError naming the field."""
    call(learner.sort_records, people(), "name,email").raises(
        ValueError, match="cannot sort by 'email': a record has no such field"
    )


@pytest.mark.parametrize(
    "order_by", ["", "age,", "-", " , name"], ids=["empty", "trailing-comma", "dash", "blank"]
)
def test_rejects_an_empty_field_name(learner, order_by):
    """An empty field name in order_by raises ValueError."""
    call(learner.sort_records, people(), order_by).raises(
        ValueError, match=f"order_by has an empty field name: {order_by!r}"
    )


def test_rejects_order_by_that_is_not_text(learner):
    """order_by must be text: a list of fields raises TypeError."""
    call(learner.sort_records, people(), ["age"]).raises(TypeError, match="order_by must be text, got list")
