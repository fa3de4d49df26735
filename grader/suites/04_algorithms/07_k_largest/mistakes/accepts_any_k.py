"""Mistake: never checks k, so a negative k quietly drops items and a bool counts as a number."""


def k_largest(numbers, k):
    return sorted(numbers, reverse=True)[:k]
