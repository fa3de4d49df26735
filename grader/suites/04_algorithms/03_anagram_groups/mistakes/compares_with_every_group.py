"""Mistake: compares each word with the first word of every group so far: a loop inside a loop.

Hint: Do not compare a word with every group. Compute its key once and look the group up in a dict:
groups.setdefault(key, []).append(word).
"""


def group_anagrams(words):
    groups = []
    for word in words:
        if not isinstance(word, str):
            raise TypeError(f"every word must be a string, got {word!r}")
        for group in groups:
            if sorted(group[0]) == sorted(word):
                group.append(word)
                break
        else:
            groups.append([word])
    return groups
