"""The k largest numbers of a list, largest first."""


def k_largest(numbers: list[int], k: int) -> list[int]:
    """Return the ``k`` largest of ``numbers``, largest first."""
    raise NotImplementedError
