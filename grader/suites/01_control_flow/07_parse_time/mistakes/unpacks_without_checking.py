"""Mistake: unpacks text.split(":") without checking the shape first, so bad input crashes unclearly.

Hint: Check that there is a ':' before you split and unpack, and raise your own ValueError that
mentions HH:MM.
"""


def parse_time(text: str) -> tuple[int, int]:
    hours_text, minutes_text = text.strip().split(":")
    if not (hours_text.isdigit() and minutes_text.isdigit()):
        raise ValueError(f"hours and minutes must be digits, got {text!r}")
    hours = int(hours_text)
    minutes = int(minutes_text)
    if hours > 23:
        raise ValueError(f"hour must be between 0 and 23, got {hours}")
    if minutes > 59:
        raise ValueError(f"minute must be between 00 and 59, got {minutes}")
    return hours, minutes
