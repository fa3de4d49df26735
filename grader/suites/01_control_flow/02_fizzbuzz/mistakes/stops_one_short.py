"""Mistake: off by one, range(1, n) stops before n so the last turn is missing.

Hint: range(a, b) stops just before b. Which end do you need so that n is included?
"""


def fizzbuzz(n: int) -> list[str]:
    said = []
    for number in range(1, n):
        if number % 3 == 0 and number % 5 == 0:
            said.append("FizzBuzz")
        elif number % 3 == 0:
            said.append("Fizz")
        elif number % 5 == 0:
            said.append("Buzz")
        else:
            said.append(str(number))
    return said
