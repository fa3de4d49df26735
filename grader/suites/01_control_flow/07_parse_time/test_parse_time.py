"""Hidden tests for the parse-time exercise."""

import pytest

from grader.testkit import call


@pytest.mark.points(2)
@pytest.mark.hint("Return a tuple of two ints, for example return hours, minutes.", when="wrong_type")
def test_reads_a_morning_time(learner):
    """The text "07:30" is read as (7, 30)."""
    call(learner.parse_time, "07:30").returns((7, 30))


def test_one_digit_hour(learner):
    """The hour may be written with one digit: "7:30" is (7, 30)."""
    call(learner.parse_time, "7:30").returns((7, 30))


def test_midnight(learner):
    """The text "00:00" is midnight, (0, 0)."""
    call(learner.parse_time, "00:00").returns((0, 0))


@pytest.mark.points(2)
def test_last_minute_of_the_day(learner):
    """The largest valid time, "23:59", is (23, 59)."""
    call(learner.parse_time, "23:59").returns((23, 59))


@pytest.mark.hint("Remove spaces at both ends first, with text.strip().", when="exception")
def test_spaces_around_are_ignored(learner):
    """Spaces before and after the time are ignored: " 9:05 " is (9, 5)."""
    call(learner.parse_time, " 9:05 ").returns((9, 5))


def holds_text(got):
    """The parts came back as text, not numbers."""
    return isinstance(got, (tuple, list)) and any(isinstance(part, str) for part in got)


def test_parts_are_numbers(learner):
    """The hours and minutes come back as numbers, not as text: "12:05" is (12, 5)."""
    hint = "Convert each part with int(); the tuple should hold numbers, not text."
    call(learner.parse_time, "12:05").returns((12, 5), hint_if=[(holds_text, hint)])


@pytest.mark.points(2)
def test_rejects_hour_24(learner):
    """The text "24:00" is refused: the hours only go up to 23."""
    call(learner.parse_time, "24:00").raises(ValueError, match="hour")


@pytest.mark.points(2)
def test_rejects_minute_60(learner):
    """The text "12:60" is refused: the minutes only go up to 59."""
    call(learner.parse_time, "12:60").raises(ValueError, match="minute")


@pytest.mark.points(2)
def test_rejects_missing_colon(learner):
    """The text "0730" has no colon, so it is refused with a message showing HH:MM."""
    call(learner.parse_time, "0730").raises(ValueError, match="HH:MM")


def test_rejects_empty_text(learner):
    """An empty string is refused with a message showing the HH:MM format."""
    call(learner.parse_time, "").raises(ValueError, match="HH:MM")


@pytest.mark.points(2)
def test_rejects_letters(learner):
    """The text "ab:cd" is refused with a message saying the parts must be digits."""
    call(learner.parse_time, "ab:cd").raises(ValueError, match="digit")


def test_rejects_negative_hour(learner):
    """The text "-1:30" is refused: a minus sign is not a digit and there is no hour -1."""
    call(learner.parse_time, "-1:30").raises(ValueError, match="digit|hour")


def test_rejects_one_digit_minutes(learner):
    """The text "7:5" is refused: minutes are always written with two digits."""
    call(learner.parse_time, "7:5").raises(ValueError, match="HH:MM")


def test_rejects_seconds(learner):
    """The text "12:30:45" has two colons, so it is refused with a message showing HH:MM."""
    call(learner.parse_time, "12:30:45").raises(ValueError, match="HH:MM")


def test_rejects_three_digit_hours(learner):
    """The text "007:30" is refused: the hours have one or two digits, never three."""
    call(learner.parse_time, "007:30").raises(ValueError, match="HH:MM")


def test_rejects_three_digit_minutes(learner):
    """The text "7:005" is refused: the minutes have exactly two digits."""
    call(learner.parse_time, "7:005").raises(ValueError, match="HH:MM")


def test_rejects_digits_of_other_scripts(learner):
    """Arabic-Indic digits ("٠٧:٣٠") are refused: only the characters 0 to 9 count as digits."""
    call(learner.parse_time, "٠٧:٣٠").raises(ValueError, match="digit")


def test_rejects_superscript_digits(learner):
    """The text "1²:30" is refused with a message saying the parts must be digits 0 to 9."""
    call(learner.parse_time, "1²:30").raises(ValueError, match="digit")


def test_rejects_missing_hours(learner):
    """The text ":30" has no hours at all, so it is refused with a message showing HH:MM."""
    call(learner.parse_time, ":30").raises(ValueError, match="HH:MM")
