"""Mistake: pops the stack without checking it is empty, so a closing bracket with nothing open crashes.

Hint: When a closing bracket comes and the stack is empty, nothing is open: that bracket is the
problem. Check the stack is not empty before you look at its top.
"""

PAIRS = {")": "(", "]": "[", "}": "{"}


def first_unmatched(text):
    if not isinstance(text, str):
        raise TypeError(f"expected text (a str), got {type(text).__name__}")
    open_at = []
    for index, char in enumerate(text):
        if char in "([{":
            open_at.append(index)
        elif char in PAIRS and text[open_at.pop()] != PAIRS[char]:
            return index
    return open_at[-1] if open_at else None


def is_balanced(text):
    return first_unmatched(text) is None
