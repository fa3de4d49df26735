"""Tags on a blog post.

There is a bug in this file: posts end up with tags that were never given to
them. Find the cause and fix it, changing as little as you can.
"""


def add_tag(tag: str, tags: list[str] = []) -> list[str]:
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
    if cleaned not in tags:
        tags.append(cleaned)
    return tags
