"""Mistake: never looks at the stack after the loop, so text ending with open brackets is balanced.

Hint: When the loop ends, brackets left on the stack were never closed: the text is not balanced.
The answer is the index on top of the stack.
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
    return None


def is_balanced(text):
    return first_unmatched(text) is None
