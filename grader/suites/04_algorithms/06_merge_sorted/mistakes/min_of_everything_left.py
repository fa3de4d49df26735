"""Mistake: takes the smallest of everything left with min() and removes it: each step scans all items."""


def merge_sorted(streams):
    left = [value for stream in streams for value in stream]
    merged = []
    while left:
        smallest = min(left)
        left.remove(smallest)
        merged.append(smallest)
    return merged
