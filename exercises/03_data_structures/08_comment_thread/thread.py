"""Comment threads: build a tree from flat rows, and walk up it."""

Row = tuple[int, int | None, str]  # (id, parent_id, text); parent_id None for a top-level comment


def build_thread(rows: list[Row]) -> list[dict]:
    """Return the top-level comments as nested dicts {"id", "text", "replies"}, in the order of rows.

    Raise ValueError for a repeated id or a parent_id that is not the id of any row.
    """
    # TODO: first a dict of every comment by id, then attach each comment to its parent.
    raise NotImplementedError


def path_to_root(rows: list[Row], comment_id: int) -> list[int]:
    """Return the ids from comment_id up to its top-level comment.

    Raise ValueError for an unknown id, or when the parents go round in a loop.
    """
    # TODO: a dict from id to parent_id; follow it in a loop, remembering what you visited.
    raise NotImplementedError


def depth(rows: list[Row], comment_id: int) -> int:
    """Return how many comments are above comment_id (0 for a top-level comment)."""
    raise NotImplementedError
