"""Mistake: forgets the early exit, keeps looping and reports the last overdraft.

Hint: Return from inside the loop the moment the balance goes below zero; do not keep looping and
overwrite your answer.
"""


def first_overdraft(balance: int, transactions: list[int]) -> int | None:
    found = None
    for index in range(len(transactions)):
        balance = balance + transactions[index]
        if balance < 0:
            found = index
    return found
