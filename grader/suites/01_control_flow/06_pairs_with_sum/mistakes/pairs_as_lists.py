"""Mistake: collects each pair as a list, [i, j], where a tuple, (i, j), is asked for.

Hint: Return the positions as tuples, (i, j), collected in a list.
"""


def pairs_with_sum(numbers, target):
    pairs = []
    for first in range(len(numbers)):
        for second in range(first + 1, len(numbers)):
            if numbers[first] + numbers[second] == target:
                pairs.append([first, second])
    return pairs
