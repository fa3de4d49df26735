"""Mistake: a loop inside a loop: correct answers, but the work grows with the square of the list.

Hint: Keep a dict from each number to its position. For each new number, ask the dict whether target
- number was seen: that is one step, not a loop.
"""


def two_sum(numbers, target):
    for j in range(len(numbers)):
        for i in range(j):
            if numbers[i] + numbers[j] == target:
                return (i, j)
    return None
