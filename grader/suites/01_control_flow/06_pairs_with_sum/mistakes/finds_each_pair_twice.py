"""Mistake: the inner loop starts at 0, so every pair is found twice, (i, j) and (j, i).

Hint: If the inner loop starts at 0, you find (0, 1) and later (1, 0) again. Only look at positions
after the outer one.
"""


def pairs_with_sum(numbers: list[int], target: int) -> list[tuple[int, int]]:
    pairs = []
    for i in range(len(numbers)):
        for j in range(len(numbers)):
            if i != j and numbers[i] + numbers[j] == target:
                pairs.append((i, j))
    return pairs
