"""First overdraft: find the first transaction that takes an account below zero.

Reference solution.
"""


def first_overdraft(balance: int, transactions: list[int]) -> int | None:
    """Return the index of the first transaction after which the balance is below 0.

    ``balance`` is the money in the account before any transaction. Return
    None if the balance never drops below 0.
    """
    # enumerate() hands us each transaction together with its index, so we
    # do not need to keep a separate counter in step with the loop.
    for index, amount in enumerate(transactions):
        # Rebinding the parameter only changes our local name: the caller's
        # number is untouched, and ints cannot be changed in place anyway.
        balance += amount
        if balance < 0:  # exactly 0 is not overdrawn, hence < and not <=
            # Early exit: the first overdraft is the answer, and carrying on
            # would both waste work and risk reporting a later one instead.
            return index
    # Only reached when the loop finished without finding an overdraft.
    return None
