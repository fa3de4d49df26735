"""Mistake: fixes the boundaries but turns the range check's < 0 into <= 0, so a score of 0 is refused.

Hint: 0 is a valid score. Check the range test at the top of the function.
"""


def letter_grade(score: int) -> str:
    if score <= 0 or score > 100:
        raise ValueError(f"score must be between 0 and 100, got {score}")
    if score >= 90:
        return "A"
    if score >= 80:
        return "B"
    if score >= 70:
        return "C"
    if score >= 60:
        return "D"
    return "F"
