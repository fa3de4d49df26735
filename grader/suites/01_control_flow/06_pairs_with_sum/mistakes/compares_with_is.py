"""Mistake: compares the sum with the target using `is`, which asks "the same object?", not "equal?".

Hint: `is` tells whether two names refer to the very same object. Python happens to reuse the
objects for small numbers (-5 to 256), so `is` seems to work there; 1000 + 2000 is a new object
each time. Compare numbers with ==.
"""


def pairs_with_sum(numbers: list[int], target: int) -> list[tuple[int, int]]:
    pairs = []
    for i in range(len(numbers)):
        for j in range(i + 1, len(numbers)):
            if numbers[i] + numbers[j] is target:
                pairs.append((i, j))
    return pairs
