"""Mistake: returns -1 instead of None when the account is never overdrawn."""


def first_overdraft(balance: int, transactions: list[int]) -> int | None:
    for index, amount in enumerate(transactions):
        balance += amount
        if balance < 0:
            return index
    return -1
