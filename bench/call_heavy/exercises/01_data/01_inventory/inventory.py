"""Starter of the call-heavy benchmark exercise (the benchmark grades the solution)."""


def running_totals(numbers):
    raise NotImplementedError
