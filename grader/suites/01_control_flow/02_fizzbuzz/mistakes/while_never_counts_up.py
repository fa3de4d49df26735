"""Mistake: a while loop that never moves on to the next number, so it never ends."""


def fizzbuzz(n):
    said = []
    number = 1
    while number <= n:
        if number % 15 == 0:
            said.append("FizzBuzz")
        elif number % 3 == 0:
            said.append("Fizz")
        elif number % 5 == 0:
            said.append("Buzz")
        else:
            said.append(str(number))
    return said
