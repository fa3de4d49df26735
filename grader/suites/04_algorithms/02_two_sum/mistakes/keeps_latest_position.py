"""Mistake: overwrites a number's position each time it repeats, so it pairs with the latest one."""


def two_sum(numbers, target):
    seen = {}
    for j, number in enumerate(numbers):
        if target - number in seen:
            return (seen[target - number], j)
        seen[number] = j
    return None
