"""Two sum: find one pair of positions whose numbers add up to a target, in one pass."""


def two_sum(numbers: list[int], target: int) -> tuple[int, int] | None:
    """Return (i, j), i < j, for the first j that completes a pair, or None."""
    first_seen: dict[int, int] = {}  # number -> the first position it appeared at
    for j, number in enumerate(numbers):
        # Look before storing, so a number never pairs with its own position.
        needed = target - number
        if needed in first_seen:  # a dict lookup is one step, however big the dict
            return (first_seen[needed], j)
        if number not in first_seen:  # keep the first position, not the latest
            first_seen[number] = j
    return None
