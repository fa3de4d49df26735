"""Mistake: wrong boundary, checks hours > 24 instead of > 23, so "24:00" is accepted.

Hint: The largest hour is 23: refuse every hour above 23 with a ValueError that mentions the hour.
"""


def parse_time(text: str) -> tuple[int, int]:
    cleaned = text.strip()
    hours_text, colon, minutes_text = cleaned.partition(":")
    if colon != ":" or not 1 <= len(hours_text) <= 2 or len(minutes_text) != 2:
        raise ValueError(f"expected a time like HH:MM, got {text!r}")
    if not (hours_text.isdigit() and minutes_text.isdigit()):
        raise ValueError(f"hours and minutes must be digits, got {text!r}")
    hours = int(hours_text)
    minutes = int(minutes_text)
    if hours > 24:
        raise ValueError(f"hour must be between 0 and 23, got {hours}")
    if minutes > 59:
        raise ValueError(f"minute must be between 00 and 59, got {minutes}")
    return hours, minutes
