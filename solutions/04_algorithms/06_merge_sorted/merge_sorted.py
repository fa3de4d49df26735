"""Merge several sorted lists into one sorted list."""

import heapq


def merge_sorted(streams: list[list[int]]) -> list[int]:
    """Return every item of the sorted ``streams`` in one sorted list."""
    # The heap holds one (value, stream number, position) per stream that still has
    # items: its smallest entry is always the next item of the result. Positions
    # move forward instead of popping, so the caller's lists are left alone.
    heap = [(stream[0], number, 0) for number, stream in enumerate(streams) if stream]
    heapq.heapify(heap)
    merged = []
    while heap:
        value, number, position = heapq.heappop(heap)
        merged.append(value)
        if position + 1 < len(streams[number]):
            heapq.heappush(heap, (streams[number][position + 1], number, position + 1))
    return merged
    # In production code: return list(heapq.merge(*streams)), which does the same.
