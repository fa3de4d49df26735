"""Balanced brackets: check (), [] and {} with a stack."""


def first_unmatched(text: str) -> int | None:
    """Return the index of the first bracket that breaks the balance, or None if balanced.

    Raise TypeError when text is not a str.
    """
    # TODO: push each opening bracket's index; on a closing bracket, check the top.
    raise NotImplementedError


def is_balanced(text: str) -> bool:
    """Return True when the brackets in text are balanced."""
    # TODO: use first_unmatched.
    raise NotImplementedError
