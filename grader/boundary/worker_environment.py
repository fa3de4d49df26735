"""The environment a learner's worker starts with: ours alone, small and predictable."""

from __future__ import annotations

import os


def minimal_environment() -> dict[str, str]:
    """Give learner code a small, predictable environment with none of ours in it."""
    keep = ("PATH", "SYSTEMROOT", "TEMP", "TMP", "LANG", "LC_ALL")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    # One hash seed: a set's order (list(set(...))) is then the same in every run, so one
    # program earns one grade and one failure fingerprint.
    env["PYTHONHASHSEED"] = "0"
    return env
