"""Mistake: keeps the keys in a list, so `in` and .index() scan every key for every word.

Hint: Do not compare a word with every group. Compute its key once and look the group up in a dict:
groups.setdefault(key, []).append(word).
"""


def group_anagrams(words):
    keys = []
    groups = []
    for word in words:
        if not isinstance(word, str):
            raise TypeError(f"every word must be a string, got {word!r}")
        key = "".join(sorted(word))
        if key in keys:
            groups[keys.index(key)].append(word)
        else:
            keys.append(key)
            groups.append([word])
    return groups
