"""Sort API records by fields named in a query parameter: ?sort=-age,name."""

from collections.abc import Callable
from typing import Any


def by_field(name: str) -> Callable[[dict], Any]:
    """Return a key function that reads the field ``name`` of a record.

    The key function raises ValueError("cannot sort by 'email': a record has
    no such field") for a record without that field.
    """
    raise NotImplementedError


def sort_records(records: list[dict], order_by: str) -> list[dict]:
    """Return the records sorted by the fields in ``order_by``, such as '-age,name'.

    Fields are separated by commas; a "-" in front means largest first.
    Records that tie on every field keep their order. The list you are given
    is left as it was. Raise TypeError if order_by is not text, ValueError if
    a field name is empty.
    """
    raise NotImplementedError
