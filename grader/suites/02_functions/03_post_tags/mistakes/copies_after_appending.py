"""Mistake: returns a copy, but only after appending to the shared default list.

Hint: A default list is created once and shared by every call. Use tags=None and make a new list
inside the function on each call.
"""


def add_tag(tag, tags=[]):  # noqa: B006 - the mistake this variant models
    if not isinstance(tag, str):
        raise TypeError(f"a tag must be text, got {type(tag).__name__}")
    cleaned = tag.strip().lower()
    if not cleaned:
        raise ValueError("a tag cannot be empty")
    if cleaned not in tags:
        tags.append(cleaned)
    return list(tags)
