"""Balanced brackets: check (), [] and {} with a stack (reference solution).

The stack holds the indexes of the brackets still open, newest on top. A
closing bracket must match the top one; anything left on the stack at the
end was never closed.
"""

PAIRS = {")": "(", "]": "[", "}": "{"}
OPENERS = set(PAIRS.values())


def first_unmatched(text: str) -> int | None:
    """Return the index of the first bracket that breaks the balance, or None if balanced.

    Raise TypeError when text is not a str.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected text (a str), got {type(text).__name__}")
    open_at: list[int] = []  # indexes of brackets still open; the last one is the newest
    for index, char in enumerate(text):
        if char in OPENERS:
            open_at.append(index)
        elif char in PAIRS:
            if not open_at or text[open_at[-1]] != PAIRS[char]:
                return index
            open_at.pop()
    return open_at[-1] if open_at else None


def is_balanced(text: str) -> bool:
    """Return True when the brackets in text are balanced."""
    return first_unmatched(text) is None
