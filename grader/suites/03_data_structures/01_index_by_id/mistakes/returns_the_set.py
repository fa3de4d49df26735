"""Mistake: returns list(set(...)), which removes repeats but loses the order the addresses came in.

Hint: A set has no order. Keep the answer in a list, appending each new address, and use the set
only to remember what you have seen.
"""


def index_by_id(records):
    by_id = {}
    for record in records:
        record_id = record["id"]
        if type(record_id) is not int:
            raise TypeError(f"id must be an int, got {record_id!r}")
        if record_id in by_id:
            raise ValueError(f"duplicate id {record_id}")
        by_id[record_id] = record
    return by_id


def unique_emails(records):
    return list({record["email"].lower() for record in records})
