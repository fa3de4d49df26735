"""Mistake: returns the hours and minutes as text instead of converting them to ints.

Hint: Return a tuple of two ints, for example return hours, minutes.

Hint: Convert each part with int(); the tuple should hold numbers, not text.
"""


def parse_time(text: str) -> tuple[int, int]:
    cleaned = text.strip()
    hours_text, colon, minutes_text = cleaned.partition(":")
    if colon != ":" or not 1 <= len(hours_text) <= 2 or len(minutes_text) != 2:
        raise ValueError(f"expected a time like HH:MM, got {text!r}")
    if not (hours_text.isdigit() and minutes_text.isdigit()):
        raise ValueError(f"hours and minutes must be digits, got {text!r}")
    if int(hours_text) > 23:
        raise ValueError(f"hour must be between 0 and 23, got {hours_text}")
    if int(minutes_text) > 59:
        raise ValueError(f"minute must be between 00 and 59, got {minutes_text}")
    return hours_text, minutes_text
