"""Mistake: special-cases the reported score (90) instead of fixing the comparisons.

It makes the bug report go away, but 80, 70 and 60 still get the letter below.

Hint: A boundary score belongs to the higher band, so the comparison that decides the band must
include it. Fix that comparison, and the special cases are no longer needed.
"""


def letter_grade(score: int) -> str:
    if score < 0 or score > 100:
        raise ValueError(f"score must be between 0 and 100, got {score}")
    if score == 90:
        return "A"
    if score > 90:
        return "A"
    if score > 80:
        return "B"
    if score > 70:
        return "C"
    if score > 60:
        return "D"
    return "F"
