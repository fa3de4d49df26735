"""Hidden tests for the index-by-id exercise."""

import pytest

from grader.testkit import call

ADA = {"id": 1, "name": "Ada", "email": "Ada@Example.com"}
LINUS = {"id": 2, "name": "Linus", "email": "linus@example.com"}
ADA_AGAIN = {"id": 3, "name": "Ada L.", "email": "ada@example.com"}
ADDRESS = "customer-" + "x" * 100


@pytest.mark.points(2)
def test_index_maps_ids_to_records(learner):
    """index_by_id maps each id to its whole record."""
    call(learner.index_by_id, [ADA, LINUS]).returns({1: ADA, 2: LINUS})


def test_index_of_nothing(learner):
    """index_by_id([]) is an empty dict."""
    call(learner.index_by_id, []).returns({})


def test_index_of_one_record(learner):
    """One record gives a dict with one entry, whatever its id."""
    call(learner.index_by_id, [{"id": 0, "name": "Root"}]).returns({0: {"id": 0, "name": "Root"}})


@pytest.mark.points(2)
def test_repeated_id_is_refused(learner):
    """Two records with the same id are refused with a ValueError naming the id."""
    records = [ADA, LINUS, {"id": 2, "name": "Grace", "email": "grace@example.com"}]
    call(learner.index_by_id, records).raises(ValueError, match=r"\b2\b")


def test_id_that_is_not_an_int_is_refused(learner):
    """An id that is text, or True, is refused with a TypeError."""
    call(learner.index_by_id, [{"id": "3", "name": "Ada"}]).raises(TypeError, match="int")
    call(learner.index_by_id, [{"id": True, "name": "Ada"}]).raises(TypeError, match="int")


def test_index_leaves_the_list_alone(learner):
    """index_by_id does not change the list it is given."""
    call(learner.index_by_id, [ADA, LINUS, ADA_AGAIN]).returns(
        {1: ADA, 2: LINUS, 3: ADA_AGAIN}
    ).left_arguments_unchanged()


def test_index_of_many_records(learner):
    """10 000 records are indexed, each under its own id."""
    records = [{"id": n * 7, "name": f"user {n}"} for n in range(10_000)]
    call(learner.index_by_id, records).satisfies(
        lambda got: isinstance(got, dict) and len(got) == 10_000 and got[7 * 9_999] == records[-1],
        "a dict with 10000 entries, id 69993 mapped to the last record",
    )


@pytest.mark.points(2)
def test_emails_are_lower_cased_and_unique(learner):
    """unique_emails lower-cases addresses and keeps each one once, in first-seen order."""
    call(learner.unique_emails, [ADA, LINUS, ADA_AGAIN]).returns(["ada@example.com", "linus@example.com"])


def test_no_emails(learner):
    """unique_emails([]) is an empty list."""
    call(learner.unique_emails, []).returns([])


def test_emails_keep_first_seen_order(learner):
    """The addresses come back in the order each first appears, not sorted and not shuffled."""
    emails = ["zoe@x.io", "BOB@x.io", "ann@x.io", "bob@x.io", "Zoe@x.io", "kim@x.io", "ann@X.IO"]
    records = [{"id": n, "email": e} for n, e in enumerate(emails)]
    call(learner.unique_emails, records).returns(["zoe@x.io", "bob@x.io", "ann@x.io", "kim@x.io"])


@pytest.mark.points(2)
def test_many_emails_quickly(learner):
    """40 000 long addresses, half of them repeats, are de-duplicated within the time limit."""
    # Long addresses of one length make every comparison in a list search cost something.
    records = [{"email": f"{ADDRESS}{n % 20_000:05d}@example.com"} for n in range(40_000)]
    expected = [f"{ADDRESS}{n:05d}@example.com" for n in range(20_000)]
    call(learner.unique_emails, records).returns(expected)
