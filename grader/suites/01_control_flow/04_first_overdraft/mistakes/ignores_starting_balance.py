"""Mistake: starts counting from 0 and ignores the starting balance.

Hint: Start from the balance you were given, not from 0.
"""


def first_overdraft(balance: int, transactions: list[int]) -> int | None:
    total = 0
    for index, amount in enumerate(transactions):
        total += amount
        if total < 0:
            return index
    return None
