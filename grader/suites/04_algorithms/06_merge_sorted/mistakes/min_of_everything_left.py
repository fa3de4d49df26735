"""Mistake: takes the smallest of everything left with min() and removes it: each step scans all items.

Hint: Do not search the result for each new item's place. Put each stream's next item in a heap
(heapq.heappush) and take the smallest with heapq.heappop.
"""


def merge_sorted(streams):
    left = [value for stream in streams for value in stream]
    merged = []
    while left:
        smallest = min(left)
        left.remove(smallest)
        merged.append(smallest)
    return merged
