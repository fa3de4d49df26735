"""Arguments of a plain suite's calls cross by value: the copy a call keeps, and changes written back."""

from __future__ import annotations

from typing import Any

from grader.worker.wire import SCALARS


def plain_copy(value: Any) -> Any:
    """Copy plain containers deeply; share everything else (handles stay the same handle)."""
    kind = type(value)
    if kind in (list, tuple, set, frozenset):
        if set(map(type, value)) <= SCALARS:  # a flat value: one copy at C speed, not one call per item
            return value if kind in (tuple, frozenset) else value.copy()
        return kind(plain_copy(item) for item in value)
    if kind is dict:
        if set(map(type, value.values())) <= SCALARS:
            return value.copy()
        return {key: plain_copy(item) for key, item in value.items()}
    return value


def write_back(args: tuple, after: tuple) -> None:
    """Give the suite's own lists, dicts and sets the changes the learner made to their copies.

    Arguments cross by value, so without this a plain test that checks its
    list afterwards (``assert numbers == [1, 2, 3]``) could never see a mutation.
    """
    for given, changed in zip(args, after, strict=False):
        if changed is given:
            continue  # unchanged: the worker said so, and sent nothing back
        if type(given) is list and type(changed) is list:
            given[:] = changed
        elif type(given) in (dict, set) and type(changed) is type(given):
            given.clear()
            given.update(changed)
