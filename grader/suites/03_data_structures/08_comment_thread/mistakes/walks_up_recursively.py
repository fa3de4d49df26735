"""Mistake: walks up by calling itself once per level: deep threads and loops end in RecursionError.

Hint: A function that calls itself once per level runs out of room after about 1000 levels. Walk up
with a while loop instead.
"""

Row = tuple[int, int | None, str]  # (id, parent_id, text); parent_id None for a top-level comment


def build_thread(rows: list[Row]) -> list[dict]:
    """Return the top-level comments as nested dicts {"id", "text", "replies"}, in the order of rows.

    Raise ValueError for a repeated id or a parent_id that is not the id of any row.
    """
    nodes: dict[int, dict] = {}
    for comment_id, _parent_id, text in rows:
        if comment_id in nodes:
            raise ValueError(f"duplicate comment id {comment_id}")
        nodes[comment_id] = {"id": comment_id, "text": text, "replies": []}
    top_level: list[dict] = []
    for comment_id, parent_id, _text in rows:
        if parent_id is None:
            top_level.append(nodes[comment_id])
        elif parent_id in nodes:
            nodes[parent_id]["replies"].append(nodes[comment_id])
        else:
            raise ValueError(f"comment {comment_id} replies to {parent_id}, which does not exist")
    return top_level


def path_to_root(rows: list[Row], comment_id: int) -> list[int]:
    """Return the ids from comment_id up to its top-level comment.

    Raise ValueError for an unknown id, or when the parents go round in a loop.
    """
    parent_of = {row_id: parent_id for row_id, parent_id, _text in rows}
    if comment_id not in parent_of:
        raise ValueError(f"no comment with id {comment_id}")
    parent = parent_of[comment_id]
    if parent is None:
        return [comment_id]
    return [comment_id, *path_to_root(rows, parent)]


def depth(rows: list[Row], comment_id: int) -> int:
    """Return how many comments are above comment_id (0 for a top-level comment)."""
    return len(path_to_root(rows, comment_id)) - 1
