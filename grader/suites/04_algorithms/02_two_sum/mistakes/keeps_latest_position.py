"""Mistake: overwrites a number's position each time it repeats, so it pairs with the latest one.

Hint: When a number repeats, keep the position where you saw it first.
"""


def two_sum(numbers, target):
    seen = {}
    for j, number in enumerate(numbers):
        if target - number in seen:
            return (seen[target - number], j)
        seen[number] = j
    return None
