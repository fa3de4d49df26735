"""Mistake: reads numbers[low] after the loop without checking low is inside the list.

Hint: After the loop, low can be len(numbers): check low < len(numbers) before you read
numbers[low].
"""


def find_first(numbers, target):
    low, high = 0, len(numbers)
    while low < high:
        middle = (low + high) // 2
        if numbers[middle] < target:
            low = middle + 1
        else:
            high = middle
    if numbers[low] == target:
        return low
    return -1
