"""Mistake: appends a new dict for each reply, so replies attached to that reply later are lost.

Hint: Make one dict per comment, keep it in a dict by id, and append that same dict to its parent's
replies. A new dict, or a copy, would not get the replies attached to the comment later.
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
            nodes[parent_id]["replies"].append({"id": comment_id, "text": _text, "replies": []})
        else:
            raise ValueError(f"comment {comment_id} replies to {parent_id}, which does not exist")
    return top_level


def path_to_root(rows: list[Row], comment_id: int) -> list[int]:
    """Return the ids from comment_id up to its top-level comment.

    Raise ValueError for an unknown id, or when the parents go round in a loop.
    """
    parent_of = {row_id: parent_id for row_id, parent_id, _text in rows}
    path: list[int] = []
    visited: set[int] = set()
    current: int | None = comment_id
    while current is not None:
        if current not in parent_of:
            raise ValueError(f"no comment with id {current}")
        if current in visited:
            raise ValueError(f"loop in the thread at comment {current}")
        visited.add(current)
        path.append(current)
        current = parent_of[current]
    return path


def depth(rows: list[Row], comment_id: int) -> int:
    """Return how many comments are above comment_id (0 for a top-level comment)."""
    return len(path_to_root(rows, comment_id)) - 1
