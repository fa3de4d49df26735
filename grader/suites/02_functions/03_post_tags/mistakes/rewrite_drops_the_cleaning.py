"""Mistake: rewrites the function to fix the default and loses the lower-casing on the way.

Hint: Keep the cleaning when you rewrite: strip and lower-case the tag before you compare or add it.
"""


def add_tag(tag, tags=None):
    if not isinstance(tag, str):
        raise TypeError(f"a tag must be text, got {type(tag).__name__}")
    cleaned = tag.strip()
    if not cleaned:
        raise ValueError("a tag cannot be empty")
    result = [] if tags is None else list(tags)
    if cleaned not in result:
        result.append(cleaned)
    return result
