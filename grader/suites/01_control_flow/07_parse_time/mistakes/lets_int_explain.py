"""Mistake: calls int() without checking first, so bad digits get int()'s unclear message.

Hint: Check each part with .isdigit() before calling int(), and raise your own ValueError that says
the parts must be digits.
"""


def parse_time(text: str) -> tuple[int, int]:
    cleaned = text.strip()
    hours_text, colon, minutes_text = cleaned.partition(":")
    if colon != ":" or not 1 <= len(hours_text) <= 2 or len(minutes_text) != 2:
        raise ValueError(f"expected a time like HH:MM, got {text!r}")
    hours = int(hours_text)
    minutes = int(minutes_text)
    if hours < 0 or hours > 23:
        raise ValueError(f"hour must be between 0 and 23, got {hours}")
    if minutes < 0 or minutes > 59:
        raise ValueError(f"minute must be between 00 and 59, got {minutes}")
    return hours, minutes
