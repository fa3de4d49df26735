"""Mistake: returns the pairs of numbers instead of their positions.

Hint: Return positions, not the numbers at them: append (i, j), not (numbers[i], numbers[j]).
"""


def pairs_with_sum(numbers: list[int], target: int) -> list[tuple[int, int]]:
    pairs = []
    for i in range(len(numbers)):
        for j in range(i + 1, len(numbers)):
            if numbers[i] + numbers[j] == target:
                pairs.append((numbers[i], numbers[j]))
    return pairs
