"""First overdraft: find the first transaction that takes an account below zero."""


def first_overdraft(balance: int, transactions: list[int]) -> int | None:
    """Return the index of the first transaction after which the balance is below 0.

    ``balance`` is the money in the account before any transaction. Return
    None if the balance never drops below 0.
    """
    # TODO: apply the transactions in order and return as soon as the balance is negative.
    raise NotImplementedError
