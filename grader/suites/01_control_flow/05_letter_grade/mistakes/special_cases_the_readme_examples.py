"""Mistake: special-cases the scores the README shows (90 and 60), so 80 and 70 still get the letter below."""


def letter_grade(score: int) -> str:
    if score < 0 or score > 100:
        raise ValueError(f"score must be between 0 and 100, got {score}")
    if score == 90:
        return "A"
    if score == 60:
        return "D"
    if score > 90:
        return "A"
    if score > 80:
        return "B"
    if score > 70:
        return "C"
    if score > 60:
        return "D"
    return "F"
