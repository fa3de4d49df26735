"""Mistake: fixes the shared default with None, but still appends to the caller's list.

Hint: Build the result in a new list, list(tags), instead of appending to the caller's list.
"""


def add_tag(tag, tags=None):
    if not isinstance(tag, str):
        raise TypeError(f"a tag must be text, got {type(tag).__name__}")
    cleaned = tag.strip().lower()
    if not cleaned:
        raise ValueError("a tag cannot be empty")
    if tags is None:
        tags = []
    if cleaned not in tags:
        tags.append(cleaned)
    return tags
