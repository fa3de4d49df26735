"""Anagram groups: collect words that use the same letters."""


def group_anagrams(words: list[str]) -> list[list[str]]:
    """Return the groups of anagrams, in order of first appearance."""
    groups: dict[str, list[str]] = {}  # key -> its group; a dict keeps insertion order
    for word in words:
        if not isinstance(word, str):
            raise TypeError(f"every word must be a string, got {word!r}")
        # Anagrams have the same letters, so the same letters in sorted order.
        key = "".join(sorted(word))
        groups.setdefault(key, []).append(word)
    return list(groups.values())
