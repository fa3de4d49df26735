"""One folder per learner: learner ids made into folder names that no two learners share.

A learner id comes from a folder, archive or LMS file name, so it may hold
spaces, slashes, dots or nothing usable at all. Its folder name keeps letters,
digits and ``_.@-``; everything else becomes ``_``. Two ids can then give the
same name (``a b`` and ``a_b``), or names that differ only in case (``Ann``
and ``ann``), which macOS and Windows file systems treat as one folder. The
first id in code-point order keeps the name; each later one gets the next
free ``-2``, ``-3``, ... suffix. The mapping depends only on the set of ids,
so every run over the same gradebook gives the same folders.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

EMPTY = "learner"  # the name of an id with nothing usable in it
MAX_BYTES = 120  # well under the 255 bytes most file systems allow a name
NOT_KEPT = re.compile(r"[^\w.@-]")
# Names Windows reserves for devices, whatever the extension (checked case-insensitively).
WINDOWS_DEVICES = {"con", "prn", "aux", "nul"} | {f"{d}{n}" for d in ("com", "lpt") for n in range(1, 10)}


def folder_name(learner: str) -> str:
    """A learner id as a folder name on any common file system (not yet made unique)."""
    name = NOT_KEPT.sub("_", learner).strip(".")
    while len(name.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        name = name[:-1]
    if not name.strip("_"):
        return EMPTY
    if name.split(".")[0].casefold() in WINDOWS_DEVICES:
        return "_" + name
    return name


def learner_folders(learners: Iterable[str]) -> dict[str, str]:
    """Each learner's folder name, distinct from every other's even ignoring case."""
    ordered = sorted(set(learners))
    names = {learner: folder_name(learner) for learner in ordered}
    owner: dict[str, str] = {}  # a name (case-folded) -> the first learner it is for
    for learner in ordered:
        owner.setdefault(names[learner].casefold(), learner)
    taken = set(owner)
    folders = {}
    for learner in ordered:
        name = names[learner]
        if owner[name.casefold()] != learner:
            suffix = 2
            while f"{name}-{suffix}".casefold() in taken:
                suffix += 1
            name = f"{name}-{suffix}"
            taken.add(name.casefold())
        folders[learner] = name
    return folders


def sharing(folders: dict[str, str]) -> list[list[str]]:
    """The groups of learners whose ids give one folder name: each group was made distinct above."""
    groups: dict[str, list[str]] = {}
    for learner in sorted(folders):
        groups.setdefault(folder_name(learner).casefold(), []).append(learner)
    return [group for group in groups.values() if len(group) > 1]
