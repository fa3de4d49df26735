"""Mistake: starts from a new empty list on every call, throwing away the tags passed in.

Hint: Start the result from the tags you were given, as a new list: list(tags).
"""


def add_tag(tag, tags=None):
    if not isinstance(tag, str):
        raise TypeError(f"a tag must be text, got {type(tag).__name__}")
    cleaned = tag.strip().lower()
    if not cleaned:
        raise ValueError("a tag cannot be empty")
    tags = []
    if cleaned not in tags:
        tags.append(cleaned)
    return tags
