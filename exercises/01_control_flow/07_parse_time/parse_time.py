"""Parse a time of day written as "HH:MM", refusing bad input with a clear error."""


def parse_time(text: str) -> tuple[int, int]:
    """Return ``(hours, minutes)`` for a time written like "07:30" or "7:30".

    Spaces around the time are ignored. Raise ValueError with a message that
    says what is wrong when ``text`` is not a valid time of day.
    """
    # TODO: check the shape (hours, one colon, two-digit minutes), check that
    # both parts are digits, convert them, check their ranges, return the tuple.
    raise NotImplementedError
