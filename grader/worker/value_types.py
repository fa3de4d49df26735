"""Standard-library value types at the process boundary: how each is encoded, and the fixed list rebuilt.

What Python calls equal, the grader calls equal: a ``Counter``, a
``Decimal`` or a ``datetime`` that learner code returns crosses as itself,
so ``assert word_count("a a") == {"a": 2}`` holds as it does in-process.
Each type here is encoded as ``{"~": tag, "v": parts}`` from its plain
parts and rebuilt by calling the standard-library constructor on them, so a
reply can never make the trusted side run learner code.

Choices, documented in docs/authoring/plain-suites.md ("Values at the boundary"):

- ``defaultdict``: the factory is a function, which cannot cross. A factory
  that is one of :data:`FACTORY_NAMES` (``int``, ``list`` ...) is named and
  rebuilt; any other is rebuilt as ``None`` (a missing key then raises
  KeyError where the learner's dict would have called its factory).
- Named tuples (``collections.namedtuple`` and ``typing.NamedTuple`` classes
  that add no methods of their own) are rebuilt as a trusted
  ``collections.namedtuple`` class made from the type name and field names,
  so ``result.x``, ``result == (1, 2)`` and the repr all behave as in-process.
- A learner subclass of ``list``, ``dict``, ``set``, ``frozenset`` or
  ``tuple`` that adds no behaviour (no methods, properties or special
  methods beyond ``__init__``/``__repr__``/``__str__``, no attributes on the
  object) crosses as its base value, rebuilt as a trusted subclass that keeps
  only the class name, for messages. One that adds behaviour stays a handle.
- Dict views are rebuilt as views of a trusted dict.

Type objects are looked up only in modules already imported: a value of a
type from ``decimal`` cannot exist unless ``decimal`` was imported, so the
worker's start costs nothing more. Standard library only; loaded by path.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Factories a defaultdict may be rebuilt with: builtins, never a learner function.
FACTORY_NAMES = ("int", "float", "str", "list", "dict", "set", "frozenset", "tuple", "bool", "bytes")
# Class-body names that add no behaviour to a subclass of a built-in container.
QUIET_NAMES = frozenset(
    {
        "__module__", "__qualname__", "__doc__", "__dict__", "__weakref__", "__slots__",
        "__annotations__", "__firstlineno__", "__static_attributes__", "__orig_bases__",
        "__parameters__", "__init__", "__repr__", "__str__", "__match_args__",
    }
)  # fmt: skip
BASES = (list, dict, set, frozenset, tuple)


def _named(module: str, *names: str) -> list[tuple[str, Any]]:
    """(qualified name, type) for each name of ``module``, if the module is already imported."""
    found = sys.modules.get(module)
    return [] if found is None else [(f"{module}.{name}", getattr(found, name)) for name in names]


def known_types() -> dict[type, str]:
    """The standard-library value types that exist in this process now, each with its tag."""
    pairs = [
        *_named("collections", "Counter", "OrderedDict", "defaultdict", "deque", "ChainMap"),
        *_named("decimal", "Decimal"),
        *_named("fractions", "Fraction"),
        *_named("datetime", "datetime", "date", "time", "timedelta", "timezone"),
        *_named("uuid", "UUID"),
    ]
    table = {kind: name.rsplit(".", 1)[1] for name, kind in pairs}
    table.update({complex: "complex", range: "range", bytearray: "bytearray", slice: "slice"})
    for view, tag in ((type({}.keys()), "keys"), (type({}.values()), "values"), (type({}.items()), "items")):
        table[view] = tag
    if "collections" in sys.modules:
        odict = sys.modules["collections"].OrderedDict()
        table.update(
            {type(odict.keys()): "keys", type(odict.values()): "values", type(odict.items()): "items"}
        )
    return table


_cache: list[Any] = [None, None]  # (modules seen, table)


def table_now() -> dict[type, str]:
    """known_types(), made again only when one of its modules was imported since."""
    seen = tuple(name in sys.modules for name in ("collections", "decimal", "fractions", "datetime", "uuid"))
    if _cache[0] != seen:
        _cache[0], _cache[1] = seen, known_types()
    table: dict[type, str] = _cache[1]
    return table


def encode_value(value: Any, kind: type, enc: Any) -> Any:
    """The tagged form of a known value type, a named tuple or a quiet container subclass; else None."""
    tag = table_now().get(kind)
    if tag is not None:
        try:
            return {"~": tag, "v": PARTS[tag](value, enc)}
        except TypeError:  # a datetime whose tzinfo is not a plain offset: it stays in the worker
            return None
    if tuple in kind.__bases__ and namedtuple_fields(kind) is not None:
        return {
            "~": "namedtuple",
            "v": [kind.__name__, list(namedtuple_fields(kind)), [enc(item) for item in value]],
        }
    base = quiet_base(value, kind)
    if base is not None:
        return {"~": "subclass", "v": [kind.__name__, enc(base(value))]}
    return None


def namedtuple_fields(kind: type) -> Any:
    """The fields of a named tuple class that adds no methods of its own, else None."""
    fields = getattr(kind, "_fields", None)
    if kind.__bases__ != (tuple,) or type(fields) is not tuple or not all(type(f) is str for f in fields):
        return None
    own = vars(kind)
    if any(not name.startswith("_") and name not in fields and hasattr(own[name], "__get__") for name in own):
        return None  # a method or property the test may use: the object stays in the worker
    return fields


def quiet_base(value: Any, kind: type) -> Any:
    """The built-in container a learner subclass adds no behaviour to, else None."""
    base = next((b for b in kind.__mro__ if b in BASES), None)
    if base is None or base is kind or getattr(value, "__dict__", None):
        return None
    for cls in kind.__mro__[: kind.__mro__.index(base)]:
        for name, item in vars(cls).items():
            if name in QUIET_NAMES:
                continue
            if name.startswith("__") or hasattr(item, "__get__") or callable(item):
                return None
    return base


def _pairs(mapping: Any, enc: Any) -> list[Any]:
    return [[enc(key), enc(item)] for key, item in mapping.items()]


def _timezone(zone: Any, enc: Any) -> Any:
    if zone is None:
        return None
    timezone = sys.modules["datetime"].timezone
    if type(zone) is not timezone:
        raise TypeError("only datetime.timezone offsets cross")
    offset = zone.utcoffset(None)
    name = zone.tzname(None)
    default = str(timezone(offset))
    return [offset.days, offset.seconds, offset.microseconds, None if name == default else name]


def _factory(value: Any, enc: Any) -> Any:
    import builtins

    factory = value.default_factory
    name = next((n for n in FACTORY_NAMES if getattr(builtins, n) is factory), None)
    return [name, _pairs(value, enc)]


PARTS: dict[str, Any] = {
    "Counter": _pairs,
    "OrderedDict": _pairs,
    "defaultdict": _factory,
    "deque": lambda v, enc: [[enc(item) for item in v], v.maxlen],
    "ChainMap": lambda v, enc: [enc(m) for m in v.maps],
    "Decimal": lambda v, enc: str(v),
    "Fraction": lambda v, enc: [v.numerator, v.denominator],
    "complex": lambda v, enc: [v.real, v.imag],
    "range": lambda v, enc: [v.start, v.stop, v.step],
    "slice": lambda v, enc: [enc(v.start), enc(v.stop), enc(v.step)],
    "bytearray": lambda v, enc: enc(bytes(v)),
    "UUID": lambda v, enc: v.hex,
    "timedelta": lambda v, enc: [v.days, v.seconds, v.microseconds],
    "timezone": lambda v, enc: _timezone(v, enc),
    "date": lambda v, enc: [v.year, v.month, v.day],
    "time": lambda v, enc: [v.hour, v.minute, v.second, v.microsecond, _timezone(v.tzinfo, enc), v.fold],
    "datetime": lambda v, enc: [
        *(v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond),
        *(_timezone(v.tzinfo, enc), v.fold),
    ],
    "keys": lambda v, enc: [enc(item) for item in v],
    "values": lambda v, enc: [enc(item) for item in v],
    "items": lambda v, enc: [[enc(key), enc(item)] for key, item in v],
}
