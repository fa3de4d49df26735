"""Mistake: `in` on a slice of the list inside the loop: every turn scans all earlier numbers."""


def two_sum(numbers, target):
    for j in range(len(numbers)):
        needed = target - numbers[j]
        if needed in numbers[:j]:
            return (numbers.index(needed), j)
    return None
