"""Mistake: inserts each item by walking the result from the start: a loop inside a loop.

Hint: Do not search the result for each new item's place. Put each stream's next item in a heap
(heapq.heappush) and take the smallest with heapq.heappop.
"""


def merge_sorted(streams):
    merged = []
    for stream in streams:
        for value in stream:
            place = 0
            while place < len(merged) and merged[place] <= value:
                place += 1
            merged.insert(place, value)
    return merged
