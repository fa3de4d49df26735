"""Mistake: on the C line changes both the operator and the number (score >= 69), so 69 gets a C."""


def letter_grade(score: int) -> str:
    if score < 0 or score > 100:
        raise ValueError(f"score must be between 0 and 100, got {score}")
    if score >= 90:
        return "A"
    if score >= 80:
        return "B"
    if score >= 69:
        return "C"
    if score >= 60:
        return "D"
    return "F"
