"""Mistake: off by one, the inner loop starts at i, so a position is paired with itself.

Hint: Start the inner loop one position after the outer one: range(i + 1, len(numbers)).
"""


def pairs_with_sum(numbers: list[int], target: int) -> list[tuple[int, int]]:
    pairs = []
    for i in range(len(numbers)):
        for j in range(i, len(numbers)):
            if numbers[i] + numbers[j] == target:
                pairs.append((i, j))
    return pairs
