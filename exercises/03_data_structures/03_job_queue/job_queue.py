"""Jobs in order: a bounded buffer and a job queue with collections.deque."""


def tail(lines: list[str], n: int) -> list[str]:
    """Return the last n lines, in order, holding at most n lines at a time.

    Raise TypeError when n is not an int and ValueError when it is negative.
    """
    # TODO: check n, then feed the lines through a deque(maxlen=n).
    raise NotImplementedError


def run_order(start: list[str], followups: dict[str, list[str]]) -> list[str]:
    """Return the jobs in the order they run: first in, first out, each job at most once."""
    # TODO: a deque of waiting jobs, a set of jobs already seen, a list for the answer.
    raise NotImplementedError
