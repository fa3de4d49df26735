"""Tasks in dependency order: a topological sort that reports cycles clearly."""


def task_order(needs: dict[str, list[str]]) -> list[str]:
    """Return every task once, each after the tasks it needs; ready tasks in alphabetical order.

    Raise ValueError mentioning "cycle" and naming the tasks in it when no order exists.
    """
    # TODO: count what each task waits for, then repeatedly take the first ready task.
    raise NotImplementedError
