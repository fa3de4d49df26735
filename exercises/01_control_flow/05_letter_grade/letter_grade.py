"""Letter grades: turn an exam score into a letter.

There is a bug in this file. Students report that some scores get a grade one
letter too low. Find the cause and fix it, changing as little as you can: the
rest of the function works.
"""


def letter_grade(score: int) -> str:
    """Return the letter grade for an exam score from 0 to 100.

    90 and above is "A", 80 to 89 "B", 70 to 79 "C", 60 to 69 "D", and
    anything below 60 "F". A score outside 0 to 100 raises ValueError.
    """
    if score < 0 or score > 100:
        raise ValueError(f"score must be between 0 and 100, got {score}")
    if score > 90:
        return "A"
    if score > 80:
        return "B"
    if score > 70:
        return "C"
    if score > 60:
        return "D"
    return "F"
