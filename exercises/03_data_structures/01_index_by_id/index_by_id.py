"""Records by id: look records up by id, and de-duplicate email addresses."""


def index_by_id(records: list[dict]) -> dict[int, dict]:
    """Return a new dict mapping each record's "id" to the record.

    Raise ValueError naming the id when two records share one, and TypeError
    when an id is not an int.
    """
    # TODO: build a dict; check each id's type and whether it is already a key.
    raise NotImplementedError


def unique_emails(records: list[dict]) -> list[str]:
    """Return the lower-cased email addresses, each once, in the order first seen."""
    # TODO: a set for "seen already", a list for the answer.
    raise NotImplementedError
