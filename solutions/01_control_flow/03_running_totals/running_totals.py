"""Running totals: how much has been added up so far, at each step (reference solution)."""


def running_totals(numbers: list[int]) -> list[int]:
    """Return a new list where item i is the sum of numbers[0] through numbers[i].

    ``numbers`` itself is left unchanged.
    """
    # Both variables start fresh on every call. Nothing lives outside the
    # function, so one call can never leak into the next.
    totals = []
    total = 0
    for number in numbers:
        # Add first, then record: the total after a day includes that day.
        total += number
        totals.append(total)
    return totals
