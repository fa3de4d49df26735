"""Letter grades: turn an exam score into a letter (reference solution).

The bug: every grade boundary used ">" where the table says "and above", so a
score exactly on a boundary (90, 80, 70, 60) fell through to the next letter
down. The fix is ">=" on those four lines. The range check keeps its ">":
100 itself is a valid score.
"""


def letter_grade(score: int) -> str:
    """Return the letter grade for an exam score from 0 to 100.

    90 and above is "A", 80 to 89 "B", 70 to 79 "C", 60 to 69 "D", and
    anything below 60 "F". A score outside 0 to 100 raises ValueError.
    """
    if score < 0 or score > 100:
        raise ValueError(f"score must be between 0 and 100, got {score}")
    # Each boundary is the lowest score that earns the letter, so it must be
    # included: ">=". The checks go from the highest letter down, so by the
    # time we test 80 we already know the score is below 90.
    if score >= 90:
        return "A"
    if score >= 80:
        return "B"
    if score >= 70:
        return "C"
    if score >= 60:
        return "D"
    return "F"
