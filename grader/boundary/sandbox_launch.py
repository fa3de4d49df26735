"""The small shell step that starts bubblewrap: into the learner's cgroups, with the seccomp program.

A sandbox prefix may begin with ``/bin/sh -c LAUNCH bp-launch FILTER
CGROUP... -- bwrap ...``: the shell moves itself into each cgroup folder
named (so bwrap and all it starts are counted there from their first
instruction), opens the seccomp program on descriptor 9 for ``--seccomp 9``
and becomes bwrap. Writing the pids here rather than in a ``preexec_fn``
keeps the trusted side free of code between fork and exec, and every place
that runs a prefix (workers, a learner's tests or server) gets it for free.
"""

from __future__ import annotations

from collections.abc import Sequence

SHELL = "/bin/sh"
NAME = "bp-launch"  # the shell's $0: what its own error messages begin with
FILTER_FD = 9
LAUNCH = f"""f=$1; shift
while [ "$1" != -- ]; do echo $$ > "$1/cgroup.procs" || exit 125; shift; done
shift
if [ -n "$f" ]; then exec "$@" {FILTER_FD}<"$f"; fi
exec "$@"
"""
JOIN_FAILED = 125  # the shell could not join a cgroup: the host's failure, before any learner code


def launch_prefix(seccomp_file: str, cgroups: Sequence[str]) -> list[str]:
    """The launch step for this filter file ("" for none) and these cgroup folders (may be none)."""
    if not seccomp_file and not cgroups:
        return []
    return [SHELL, "-c", LAUNCH, NAME, seccomp_file, *cgroups, "--"]


def cgroups_of(prefix: Sequence[str]) -> tuple[str, ...]:
    """The cgroup folders a sandbox prefix starts its processes in (none when it has no launch step)."""
    if len(prefix) < 5 or list(prefix[:4]) != [SHELL, "-c", LAUNCH, NAME]:
        return ()
    rest = list(prefix[5:])
    return tuple(rest[: rest.index("--")]) if "--" in rest else ()
