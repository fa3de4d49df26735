"""Mistake: checks 'email in emails' on the answer list, which searches the whole list each time.

Hint: 'email in some_list' searches the whole list every time. Remember what you have seen in a set:
a set lookup takes one step however big it grows.
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
    emails = []
    for record in records:
        email = record["email"].lower()
        if email not in emails:
            emails.append(email)
    return emails
