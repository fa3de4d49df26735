"""Mistake: treats only the dict's keys as tasks, so a task that needs nothing and is only listed is lost.

Hint: A task that appears only inside the lists (it needs nothing) is still a task: add every task
you meet in a list to your graph too.
"""

import heapq


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
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        task = heapq.heappop(ready)
        order.append(task)
        for dependent in needed_by[task]:
            waiting_for[dependent] -= 1
            if waiting_for[dependent] == 0:
                heapq.heappush(ready, dependent)
    if len(order) < len(graph):
        stuck = {task: required for task, required in graph.items() if waiting_for[task] > 0}
        raise ValueError("dependency cycle: " + " -> ".join(find_cycle(stuck)))
    return order


def normalise(needs: dict[str, list[str]]) -> dict[str, set[str]]:
    """Return a new graph with every task as a key and each task's needs as a set (repeats count once)."""
    return {task: {other for other in required if other in needs} for task, required in needs.items()}


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
