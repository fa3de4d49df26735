"""Mistake: never strips the spaces around the time, so " 9:05 " is refused as a bad shape.

Hint: Remove spaces at both ends first, with text.strip().
"""


def parse_time(text: str) -> tuple[int, int]:
    """Return ``(hours, minutes)`` for a time written like "07:30" or "7:30".

    Spaces around the time are ignored. Raise ValueError with a message that
    says what is wrong when ``text`` is not a valid time of day.
    """
    # Each step either rejects the text with a message about that one problem
    # or hands a cleaner value to the next step. The order matters: we only
    # convert text we know is digits, and only range-check real numbers.
    hours_text, minutes_text = split_time(text)
    hours = digits_to_int(hours_text, "hours")
    minutes = digits_to_int(minutes_text, "minutes")
    # Digits alone cannot make a negative number, so only the top ends
    # need checking.
    if hours > 23:
        raise ValueError(f"hour must be between 0 and 23, got {hours}")
    if minutes > 59:
        raise ValueError(f"minute must be between 00 and 59, got {minutes_text}")
    return hours, minutes


def split_time(text: str) -> tuple[str, str]:
    """Split "H:MM" or "HH:MM" into its hour and minute text; raise ValueError otherwise."""
    cleaned = text
    # partition() never fails: with no ":" the separator comes back empty, and
    # with several ":" the extra ones stay in the minutes and make them too long.
    hours_text, colon, minutes_text = cleaned.partition(":")
    has_shape = colon == ":" and 1 <= len(hours_text) <= 2 and len(minutes_text) == 2
    if not has_shape:
        # Quote the caller's original text with !r so spaces and empty
        # strings are visible in the message.
        raise ValueError(f"expected a time like HH:MM, got {text!r}")
    return hours_text, minutes_text


def digits_to_int(part: str, name: str) -> int:
    """Convert text made only of the digits 0-9 to an int; raise ValueError otherwise."""
    # isdigit() on its own also accepts characters such as "²" that int()
    # rejects, so we require plain ASCII as well. Checking first means the
    # caller gets our message, not int()'s "invalid literal" one.
    if not (part.isascii() and part.isdigit()):
        raise ValueError(f"{name} must be digits 0-9, got {part!r}")
    return int(part)
