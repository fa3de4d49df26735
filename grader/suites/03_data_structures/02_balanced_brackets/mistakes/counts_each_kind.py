"""Mistake: counts the brackets of each kind instead of using a stack, so crossed brackets like ([)] pass.

Hint: Counting brackets is not enough: ([)] has one of each. A closing bracket must match the
bracket on top of the stack, the one opened most recently.
"""

PAIRS = {")": "(", "]": "[", "}": "{"}


def first_unmatched(text):
    if not isinstance(text, str):
        raise TypeError(f"expected text (a str), got {type(text).__name__}")
    counts = {"(": 0, "[": 0, "{": 0}
    last_open = {}
    for index, char in enumerate(text):
        if char in counts:
            counts[char] += 1
            last_open[char] = index
        elif char in PAIRS:
            if counts[PAIRS[char]] == 0:
                return index
            counts[PAIRS[char]] -= 1
    still_open = [last_open[kind] for kind, count in counts.items() if count > 0]
    return max(still_open) if still_open else None


def is_balanced(text):
    return first_unmatched(text) is None
