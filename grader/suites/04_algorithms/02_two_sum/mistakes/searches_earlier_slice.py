"""Mistake: `in` on a slice of the list inside the loop: every turn scans all earlier numbers.

Hint: Keep a dict from each number to its position. For each new number, ask the dict whether target
- number was seen: that is one step, not a loop.
"""


def two_sum(numbers, target):
    for j in range(len(numbers)):
        needed = target - numbers[j]
        if needed in numbers[:j]:
            return (numbers.index(needed), j)
    return None
