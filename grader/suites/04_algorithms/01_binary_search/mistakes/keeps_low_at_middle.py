"""Mistake: moves low to middle instead of middle + 1, so two items left never become one."""


def find_first(numbers, target):
    low, high = 0, len(numbers)
    while low < high:
        middle = (low + high) // 2
        if numbers[middle] < target:
            low = middle
        else:
            high = middle
    if low < len(numbers) and numbers[low] == target:
        return low
    return -1
