"""Pairs with a sum: find every pair of positions whose numbers add up to a target."""


def pairs_with_sum(numbers: list[int], target: int) -> list[tuple[int, int]]:
    """Return every (i, j) with i < j and numbers[i] + numbers[j] == target.

    The pairs are ordered by i, then by j. ``numbers`` is left unchanged.
    """
    # TODO: use one loop for i and, inside it, a second loop for every j after i.
    raise NotImplementedError
