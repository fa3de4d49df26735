"""The most frequent item of a list, ties going to the one seen first."""


def most_frequent(items: list) -> object:
    """Return the item that appears most often; on a tie, the one that appears first."""
    raise NotImplementedError
