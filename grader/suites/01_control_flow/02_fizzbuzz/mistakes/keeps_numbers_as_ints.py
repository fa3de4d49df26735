"""Mistake: puts plain numbers in the list as ints instead of strings.

Hint: Turn a number into text with str(number).
"""


def fizzbuzz(n: int) -> list[str]:
    said = []
    for number in range(1, n + 1):
        if number % 3 == 0 and number % 5 == 0:
            said.append("FizzBuzz")
        elif number % 3 == 0:
            said.append("Fizz")
        elif number % 5 == 0:
            said.append("Buzz")
        else:
            said.append(number)
    return said
