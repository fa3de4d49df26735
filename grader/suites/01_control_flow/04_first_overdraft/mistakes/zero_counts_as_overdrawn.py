"""Mistake: wrong boundary, treats a balance of exactly 0 as overdrawn (<= instead of <).

Hint: Overdrawn means below zero: use < 0, not <= 0.
"""


def first_overdraft(balance: int, transactions: list[int]) -> int | None:
    for index, amount in enumerate(transactions):
        balance += amount
        if balance <= 0:
            return index
    return None
