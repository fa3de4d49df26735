"""Mistake: builds the dict with a comprehension, so a repeated id silently overwrites the first record.

Hint: Before storing a record, check whether its id is already a key (record_id in by_id) and raise
ValueError if it is: keeping only one of the two would lose data.
"""


def index_by_id(records):
    for record in records:
        if type(record["id"]) is not int:
            raise TypeError(f"id must be an int, got {record['id']!r}")
    return {record["id"]: record for record in records}


def unique_emails(records):
    seen = set()
    emails = []
    for record in records:
        email = record["email"].lower()
        if email not in seen:
            seen.add(email)
            emails.append(email)
    return emails
