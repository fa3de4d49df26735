"""Running totals: how much has been added up so far, at each step."""


def running_totals(numbers: list[int]) -> list[int]:
    """Return a new list where item i is the sum of numbers[0] through numbers[i].

    ``numbers`` itself is left unchanged.
    """
    # TODO: keep a total as you loop, and collect it after each number.
    raise NotImplementedError
