"""Mistake: uses the set of letters as the key, which forgets how often each letter appears.

Hint: A set of letters forgets how many times each letter appears: sort the letters instead.
"""


def group_anagrams(words):
    groups = {}
    for word in words:
        if not isinstance(word, str):
            raise TypeError(f"every word must be a string, got {word!r}")
        groups.setdefault(frozenset(word), []).append(word)
    return list(groups.values())
