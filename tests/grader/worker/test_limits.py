"""The limits the worker puts on itself (grader/worker/limits.py)."""

from __future__ import annotations

import os

import pytest

from grader.worker import limits as worker_limits


def test_no_process_cap_for_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "geteuid", lambda: 0, raising=False)
    assert worker_limits.process_cap() is None


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="needs /proc")
def test_process_cap_leaves_room_above_what_the_user_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.geteuid()
    if real == 0:
        monkeypatch.setattr(os, "geteuid", lambda: 4_000_123)  # a user with no process here
        assert worker_limits.process_cap(room=64) == 64
    else:
        cap = worker_limits.process_cap(room=64)
        assert cap is not None and cap > 64  # this test process itself runs as that user
