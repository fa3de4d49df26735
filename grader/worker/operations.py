"""What a plain suite's own Python does to learner objects, done in the worker where they live.

Loaded by path by worker/main.py on the first such request: standard library only.
``len(x)``, ``x[0]``, ``x == y`` and the rest run here, on the learner's objects,
and only their plain results cross; ``pull`` takes items from an iterator.
"""

from __future__ import annotations

import itertools
import operator

TYPE_CHECKING = False  # loaded on the learner's clock: no typing import
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

OPERATIONS: dict[str, Any] = {
    "len": len, "bool": bool, "iter": iter, "next": next, "str": str, "repr": repr, "abs": abs,
}  # fmt: skip
OPERATOR_NAMES = frozenset(
    {"contains", "getitem", "setitem", "delitem", "eq", "ne", "lt", "le", "gt", "ge", "neg"}
    | {"add", "sub", "mul", "truediv", "floordiv", "mod", "pow"}
)


def apply(
    name: str, args: list[Any], encode: Callable[[Any], Any], content: Callable[[Any], Any]
) -> dict[str, Any] | None:
    """Apply the named operation; None when there is no such operation.

    ``pull`` takes up to ``count`` items from an iterator (a handle the ``iter`` operation gave);
    ``content`` is what a built-in subclass compares as, with the test's values (the wire's).
    """
    if name == "pull":
        iterator, count = args
        items = list(itertools.islice(iterator, max(1, int(count))))
        return {"value": encode(items), "done": len(items) < count}
    use = content if name == "content" else OPERATIONS.get(name)
    use = use or getattr(operator, name if name in OPERATOR_NAMES else "", None)
    if use is None:
        return None
    return {"value": encode(use(*args))}
