"""Tags on a blog post."""


def add_tag(tag: str, tags: list[str] | None = None) -> list[str]:
    """Return the post's tags with ``tag`` added, as a new list.

    The tag is cleaned first: spaces around it removed, lower case. A tag
    that is already there is not added again. Without ``tags``, the post has
    no tags yet. The list you are given is left as it was.

    Raise TypeError if ``tag`` is not text, ValueError if it is empty once cleaned.
    """
    if not isinstance(tag, str):
        raise TypeError(f"a tag must be text, got {type(tag).__name__}")
    cleaned = tag.strip().lower()
    if not cleaned:
        raise ValueError("a tag cannot be empty")
    # A default value is created once, when Python reads the def line, and shared by every
    # call: None as the default, and a new list per call, gives each post its own tags.
    result = [] if tags is None else list(tags)
    if cleaned not in result:
        result.append(cleaned)
    return result
