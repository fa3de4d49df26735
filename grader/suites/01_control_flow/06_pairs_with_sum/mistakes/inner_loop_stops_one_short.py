"""Mistake: the inner loop is range(i + 1, len(numbers) - 1), so no pair uses the last position.

Hint: range(a, b) already stops before b: run the inner loop up to len(numbers), not len(numbers) - 1.
"""


def pairs_with_sum(numbers: list[int], target: int) -> list[tuple[int, int]]:
    """Return every (i, j) with i < j and numbers[i] + numbers[j] == target.

    The pairs are ordered by i, then by j. ``numbers`` is left unchanged.
    """
    pairs = []
    for first in range(len(numbers)):
        # Start the inner loop just after `first`. That one choice gives all
        # three rules: no position pairs with itself, each pair is found once,
        # and the smaller index always comes first.
        for second in range(first + 1, len(numbers) - 1):
            if numbers[first] + numbers[second] == target:
                pairs.append((first, second))
    # No early exit here: we want every pair, so both loops run to the end.
    return pairs
