"""FizzBuzz: play the counting game and return what is said."""


def fizzbuzz(n: int) -> list[str]:
    """Return what is said for each number from 1 to ``n`` inclusive.

    Numbers divisible by 3 become "Fizz", by 5 "Buzz", by both "FizzBuzz";
    every other number becomes its digits as a string.
    """
    # TODO: loop over the numbers from 1 to n and build the list of strings.
    raise NotImplementedError
