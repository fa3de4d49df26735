"""Mistake: never checks k, so a negative k quietly drops items and a bool counts as a number.

Hint: Check k before anything else: raise ValueError when it is below 0, and TypeError when type(k)
is not int.
"""


def k_largest(numbers, k):
    return sorted(numbers, reverse=True)[:k]
