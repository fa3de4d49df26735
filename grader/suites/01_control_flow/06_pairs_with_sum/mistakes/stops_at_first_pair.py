"""Mistake: exits early after the first pair, when the task asks for every pair.

Hint: Keep looping after you find a pair: the question asks for every pair.
"""


def pairs_with_sum(numbers: list[int], target: int) -> list[tuple[int, int]]:
    for i in range(len(numbers)):
        for j in range(i + 1, len(numbers)):
            if numbers[i] + numbers[j] == target:
                return [(i, j)]
    return []
