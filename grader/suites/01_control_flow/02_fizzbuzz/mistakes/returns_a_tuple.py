"""Mistake: collects the words but returns tuple(said), a tuple where a list was expected.

Hint: Return the list itself: return said, not tuple(said).
"""


def fizzbuzz(n: int) -> list[str]:
    """Return what is said for each number from 1 to ``n`` inclusive.

    Numbers divisible by 3 become "Fizz", by 5 "Buzz", by both "FizzBuzz";
    every other number becomes its digits as a string.
    """
    said = []
    # range() stops *before* its second argument, so n + 1 is needed to
    # include n itself. For n == 0 the range is empty and so is the list.
    for number in range(1, n + 1):
        said.append(word_for(number))
    return tuple(said)


def word_for(number: int) -> str:
    """Return what a player says on their turn for ``number``."""
    # The "both" case comes first: 15 is also divisible by 3, and only the
    # first matching branch of an if/elif chain ever runs.
    if number % 3 == 0 and number % 5 == 0:
        return "FizzBuzz"
    if number % 3 == 0:
        return "Fizz"
    if number % 5 == 0:
        return "Buzz"
    return str(number)
