"""Mistake: mutates the input, sorting the caller's list in place before searching it.

Hint: Do not sort or change the list: loop over it as it is.
"""


def pairs_with_sum(numbers: list[int], target: int) -> list[tuple[int, int]]:
    numbers.sort()
    pairs = []
    for i in range(len(numbers)):
        for j in range(i + 1, len(numbers)):
            if numbers[i] + numbers[j] == target:
                pairs.append((i, j))
    return pairs
