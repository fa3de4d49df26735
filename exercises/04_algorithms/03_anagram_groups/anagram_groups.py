"""Anagram groups: collect words that use the same letters."""


def group_anagrams(words: list[str]) -> list[list[str]]:
    """Return the groups of anagrams, in order of first appearance."""
    raise NotImplementedError
