"""Mistake: a recursive depth-first search with no "in progress" mark: a cycle ends in RecursionError.

Hint: Use loops, not a function that calls itself once per task: 3000 tasks in a row is too deep,
and a cycle never ends.
"""


def task_order(needs):
    done = []

    def visit(task):
        if task in done:
            return
        for other in sorted(set(needs.get(task, []))):
            visit(other)
        done.append(task)

    for task in sorted(needs):
        visit(task)
    return done
