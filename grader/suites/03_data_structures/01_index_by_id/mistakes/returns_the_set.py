"""Mistake: returns list(set(...)), which removes repeats but loses the order the addresses came in."""


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
