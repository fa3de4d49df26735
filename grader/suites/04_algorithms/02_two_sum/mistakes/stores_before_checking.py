"""Mistake: stores the number before looking for its partner, so a number can pair with itself.

Hint: Check for the number you need before you store the current one.
"""


def two_sum(numbers, target):
    first_seen = {}
    for j, number in enumerate(numbers):
        if number not in first_seen:
            first_seen[number] = j
        needed = target - number
        if needed in first_seen:
            return (first_seen[needed], j)
    return None
