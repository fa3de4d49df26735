"""Bug: checks types with isinstance, so people=True is taken as one person.

A planted-bug version of split.py for the test-split-bill exercise: the
learner's tests must fail on it.
"""


def split_bill(total_cents: int, people: int) -> list[int]:
    """Return each person's share of ``total_cents``, in cents, one share per person.

    The shares differ by at most one cent and add up to exactly the total:
    the cents left over after an equal split go one each to the first people
    in the list, so split_bill(1001, 3) is [334, 334, 333].

    Raise TypeError if total_cents or people is not an int (True is not an
    int here). Raise ValueError for a negative total ("total_cents must not
    be negative, got -5") or fewer than one person ("people must be at least
    1, got 0").
    """
    for name, value in (("total_cents", total_cents), ("people", people)):
        if not isinstance(value, int):
            raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if total_cents < 0:
        raise ValueError(f"total_cents must not be negative, got {total_cents}")
    if people < 1:
        raise ValueError(f"people must be at least 1, got {people}")
    share, left_over = divmod(total_cents, people)
    return [share + 1 if person < left_over else share for person in range(people)]
