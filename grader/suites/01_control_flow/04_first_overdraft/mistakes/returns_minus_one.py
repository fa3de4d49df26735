"""Mistake: returns -1 instead of None when the account is never overdrawn.

Hint: When the loop ends without finding an overdraft, return None (not -1).
"""


def first_overdraft(balance: int, transactions: list[int]) -> int | None:
    for index, amount in enumerate(transactions):
        balance += amount
        if balance < 0:
            return index
    return -1
