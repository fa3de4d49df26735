"""Mistake: moves special cases for the boundary scores into a helper function instead of fixing the bug.

Hint: A boundary score belongs to the higher band, so the comparison that decides the band must
include it. Fix that comparison, and the special cases are no longer needed.
"""


def boundary_letter(value: int) -> str | None:
    match value:
        case 90:
            return "A"
        case 80:
            return "B"
        case 70:
            return "C"
        case 60:
            return "D"
    return None


def letter_grade(score: int) -> str:
    if score < 0 or score > 100:
        raise ValueError(f"score must be between 0 and 100, got {score}")
    special = boundary_letter(score)
    if special is not None:
        return special
    if score > 90:
        return "A"
    if score > 80:
        return "B"
    if score > 70:
        return "C"
    if score > 60:
        return "D"
    return "F"
