"""Mistake: prints each turn instead of returning a list."""


def fizzbuzz(n: int) -> list[str]:
    for number in range(1, n + 1):
        if number % 3 == 0 and number % 5 == 0:
            print("FizzBuzz")
        elif number % 3 == 0:
            print("Fizz")
        elif number % 5 == 0:
            print("Buzz")
        else:
            print(number)
