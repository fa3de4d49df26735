"""Mistake: looks up the boundary scores in a table of special cases instead of fixing the comparisons.

Hint: A boundary score belongs to the higher band, so the comparison that decides the band must
include it. Fix that comparison, and the special cases are no longer needed.
"""

BOUNDARY_LETTERS = {90: "A", 80: "B", 70: "C", 60: "D"}


def letter_grade(score: int) -> str:
    if score < 0 or score > 100:
        raise ValueError(f"score must be between 0 and 100, got {score}")
    if score in (90, 80, 70, 60):
        return BOUNDARY_LETTERS[score]
    if score > 90:
        return "A"
    if score > 80:
        return "B"
    if score > 70:
        return "C"
    if score > 60:
        return "D"
    return "F"
