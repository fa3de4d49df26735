"""Mistake: takes ready tasks first-found-first-out instead of alphabetically.

Hint: When several tasks are ready at once, take the alphabetically first: keep the ready tasks in a
heap (heapq) or sort them, instead of taking them in the order you found them.
"""


def task_order(needs: dict[str, list[str]]) -> list[str]:
    """Return every task once, each after the tasks it needs; ready tasks in alphabetical order.

    Raise ValueError mentioning "cycle" and naming the tasks in it when no order exists.
    """
    graph = normalise(needs)
    waiting_for = {task: len(required) for task, required in graph.items()}
    needed_by: dict[str, list[str]] = {task: [] for task in graph}
    for task, required in graph.items():
        for other in required:
            needed_by[other].append(task)
    ready = [task for task, count in waiting_for.items() if count == 0]
    order: list[str] = []
    while ready:
        task = ready.pop(0)
        order.append(task)
        for dependent in needed_by[task]:
            waiting_for[dependent] -= 1
            if waiting_for[dependent] == 0:
                ready.append(dependent)
    if len(order) < len(graph):
        stuck = {task: required for task, required in graph.items() if waiting_for[task] > 0}
        raise ValueError("dependency cycle: " + " -> ".join(find_cycle(stuck)))
    return order


def normalise(needs: dict[str, list[str]]) -> dict[str, set[str]]:
    """Return a new graph with every task as a key and each task's needs as a set (repeats count once)."""
    graph = {task: set(required) for task, required in needs.items()}
    for required in list(graph.values()):
        for other in required:
            graph.setdefault(other, set())
    return graph


def find_cycle(stuck: dict[str, set[str]]) -> list[str]:
    """Follow needs among stuck tasks until one repeats; return the cycle, closed: [a, b, a]."""
    path: list[str] = []
    position: dict[str, int] = {}
    task = min(stuck)
    while task not in position:
        position[task] = len(path)
        path.append(task)
        task = min(other for other in stuck[task] if other in stuck)
    return path[position[task] :] + [task]
