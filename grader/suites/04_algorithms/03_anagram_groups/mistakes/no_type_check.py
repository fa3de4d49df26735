"""Mistake: never checks the words' types, so a number fails deep inside with an unclear error.

Hint: Check each word with isinstance(word, str) and raise TypeError naming it.
"""


def group_anagrams(words):
    groups = {}
    for word in words:
        groups.setdefault("".join(sorted(str(word))), []).append(word)
    return list(groups.values())
