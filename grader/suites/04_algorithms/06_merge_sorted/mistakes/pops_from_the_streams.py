"""Mistake: pops items off the caller's lists, which empties them.

Hint: Do not pop items off the streams: keep a position for each stream and move it forward.
"""


def merge_sorted(streams):
    merged = []
    while any(streams):
        smallest = min((s for s in streams if s), key=lambda s: s[0])
        merged.append(smallest.pop(0))
    return merged
