"""Mistake: stops as soon as one stream runs out, dropping what the others still hold.

Hint: When one stream runs out, the others still have items: keep going until every stream is empty.
"""

import heapq


def merge_sorted(streams):
    heap = [(stream[0], number, 0) for number, stream in enumerate(streams) if stream]
    heapq.heapify(heap)
    merged = []
    while heap:
        value, number, position = heapq.heappop(heap)
        merged.append(value)
        if position + 1 >= len(streams[number]):
            break
        heapq.heappush(heap, (streams[number][position + 1], number, position + 1))
    return merged
