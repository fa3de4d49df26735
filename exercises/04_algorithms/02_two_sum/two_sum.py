"""Two sum: find one pair of positions whose numbers add up to a target, in one pass."""


def two_sum(numbers: list[int], target: int) -> tuple[int, int] | None:
    """Return (i, j), i < j, for the first j that completes a pair, or None."""
    raise NotImplementedError
