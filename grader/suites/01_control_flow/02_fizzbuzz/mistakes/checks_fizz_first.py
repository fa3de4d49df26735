"""Mistake: checks for Fizz before FizzBuzz, so 15 comes out as 'Fizz'.

Hint: 15 divides by 3 too. Only the first matching branch of an if/elif runs, so check for 'both'
first.
"""


def fizzbuzz(n: int) -> list[str]:
    said = []
    for number in range(1, n + 1):
        if number % 3 == 0:
            said.append("Fizz")
        elif number % 5 == 0:
            said.append("Buzz")
        elif number % 3 == 0 and number % 5 == 0:
            said.append("FizzBuzz")
        else:
            said.append(str(number))
    return said
