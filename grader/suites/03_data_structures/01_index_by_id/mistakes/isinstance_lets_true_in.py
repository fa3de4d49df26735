"""Mistake: checks ids with isinstance(id, int), which lets True through because bool is a kind of int.

Hint: Check the id's type with type(record_id) is not int; True counts as a bool, not an id.
"""


def index_by_id(records):
    by_id = {}
    for record in records:
        record_id = record["id"]
        if not isinstance(record_id, int):
            raise TypeError(f"id must be an int, got {record_id!r}")
        if record_id in by_id:
            raise ValueError(f"duplicate id {record_id}")
        by_id[record_id] = record
    return by_id


def unique_emails(records):
    seen = set()
    emails = []
    for record in records:
        email = record["email"].lower()
        if email not in seen:
            seen.add(email)
            emails.append(email)
    return emails
