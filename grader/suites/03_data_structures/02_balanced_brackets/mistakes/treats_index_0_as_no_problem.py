"""Mistake: is_balanced uses 'not first_unmatched(text)', and a problem at index 0 is falsy too.

Hint: 0 is a real index but it is falsy: compare with first_unmatched(text) is None, not with not.
"""

PAIRS = {")": "(", "]": "[", "}": "{"}


def first_unmatched(text):
    if not isinstance(text, str):
        raise TypeError(f"expected text (a str), got {type(text).__name__}")
    open_at = []
    for index, char in enumerate(text):
        if char in "([{":
            open_at.append(index)
        elif char in PAIRS:
            if not open_at or text[open_at[-1]] != PAIRS[char]:
                return index
            open_at.pop()
    return open_at[-1] if open_at else None


def is_balanced(text):
    return not first_unmatched(text)
