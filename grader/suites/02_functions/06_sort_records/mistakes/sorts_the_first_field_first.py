"""Mistake: sorts by the fields in the order given, so the last field wins instead of the first.

Hint: Sort by the last field first, then by each earlier one: sort() is stable, so the later sorts
keep the earlier order among ties. Use reverse=True for '-', never reverse the list afterwards.
"""

from collections.abc import Callable
from typing import Any


def by_field(name: str) -> Callable[[dict], Any]:
    """Return a key function that reads the field ``name`` of a record."""

    # key() remembers name after by_field has returned: that memory is a closure.
    def key(record: dict) -> Any:
        if name not in record:
            raise ValueError(f"cannot sort by {name!r}: a record has no such field")
        return record[name]

    return key


def sort_records(records: list[dict], order_by: str) -> list[dict]:
    """Return the records sorted by the fields in ``order_by``, such as '-age,name'."""
    result = list(records)
    # Python's sort is stable: sorting by the last field first, then by each earlier
    # one, leaves records that tie on a field in the order the later fields gave them.
    for name, descending in parse_order(order_by):
        result.sort(key=by_field(name), reverse=descending)
    return result


def parse_order(order_by: str) -> list[tuple[str, bool]]:
    """'-age, name' -> [('age', True), ('name', False)]: each field and whether it is descending."""
    if not isinstance(order_by, str):
        raise TypeError(f"order_by must be text, got {type(order_by).__name__}")
    fields = []
    for part in order_by.split(","):
        text = part.strip()
        name = text.removeprefix("-").strip()
        if not name:
            raise ValueError(f"order_by has an empty field name: {order_by!r}")
        fields.append((name, text.startswith("-")))
    return fields
