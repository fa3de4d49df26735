"""Records by id: look records up by id, and de-duplicate email addresses (reference solution).

A dict answers "which record has id 42?" in one step and a set answers "have
I seen this before?" in one step, however many records there are. A list
answers both only by searching from the start.
"""


def index_by_id(records: list[dict]) -> dict[int, dict]:
    """Return a new dict mapping each record's "id" to the record.

    Raise ValueError naming the id when two records share one, and TypeError
    when an id is not an int.
    """
    by_id: dict[int, dict] = {}
    for record in records:
        record_id = record["id"]
        # bool is a subclass of int, but True is not an id anyone meant.
        if type(record_id) is not int:
            raise TypeError(f"id must be an int, got {record_id!r}")
        if record_id in by_id:
            raise ValueError(f"duplicate id {record_id}")
        by_id[record_id] = record
    return by_id


def unique_emails(records: list[dict]) -> list[str]:
    """Return the lower-cased email addresses, each once, in the order first seen."""
    seen: set[str] = set()
    emails: list[str] = []
    for record in records:
        email = record["email"].lower()
        if email not in seen:  # a set lookup: one step, not a search
            seen.add(email)
            emails.append(email)
    return emails
