"""Reference solution of the call-heavy benchmark exercise."""


def running_totals(numbers):
    totals, total = [], 0
    for number in numbers:
        total += number
        totals.append(total)
    return totals


def total_value(items):
    return sum(item["price"] * item["count"] for item in items)


def group_by_tag(records):
    groups = {}
    for record in records:
        for tag in record["tags"]:
            groups.setdefault(tag, []).append(record["name"])
    return groups


def parse_quantity(text):
    if not text.strip().isdigit():
        raise ValueError(f"not a quantity: {text!r}")
    return int(text)


def bounds(points):
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    return (min(xs), min(ys)), (max(xs), max(ys))


class Inventory:
    def __init__(self):
        self._stock = {}

    def add(self, name, count=1):
        if count <= 0:
            raise ValueError("count must be positive")
        self._stock[name] = self._stock.get(name, 0) + count
        return self._stock[name]

    def remove(self, name, count=1):
        if self._stock.get(name, 0) < count:
            raise KeyError(name)
        self._stock[name] -= count
        return self._stock[name]

    def count(self, name):
        return self._stock.get(name, 0)

    def snapshot(self):
        return dict(sorted(self._stock.items()))


def merge(first, second):
    merged = Inventory()
    for source in (first, second):
        for name, count in source.snapshot().items():
            merged.add(name, count)
    return merged
