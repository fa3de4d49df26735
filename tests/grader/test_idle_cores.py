"""Idle cores read from /proc/stat's first line: all ticks and idle ticks, before and after a look."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from grader import idle_cores as module
from grader.idle_cores import idle_between, idle_cores, processor_times

# user nice system idle iowait irq softirq steal
BEFORE = "cpu  1000 0 500 8000 500 0 0 0 0 0\ncpu0 500 0 250 4000 250 0 0 0 0 0\n"


def stat_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "stat"
    path.write_text(text, encoding="ascii")
    return path


def test_idle_ticks_include_waiting_for_the_disk(tmp_path: Path) -> None:
    assert processor_times(stat_file(tmp_path, BEFORE)) == (10000, 8500)


@pytest.mark.parametrize(
    "text",
    ["", "intr 1 2 3\n", "cpu  1 2 3\n", "cpu  a b c d e\n"],
    ids=["empty", "no cpu line", "short", "not numbers"],
)
def test_an_unreadable_file_gives_no_figures(tmp_path: Path, text: str) -> None:
    assert processor_times(stat_file(tmp_path, text)) is None


def test_a_missing_file_gives_no_figures(tmp_path: Path) -> None:
    assert processor_times(tmp_path / "nowhere") is None


def test_idle_cores_are_the_idle_share_of_the_ticks_between_two_reads_times_the_cores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = stat_file(tmp_path, BEFORE)
    stop = threading.Event()
    # 1000 more ticks, 250 of them idle, while the look waits: a quarter of every core stood idle.
    monkeypatch.setattr(stop, "wait", lambda seconds: path.write_text("cpu  1500 0 750 8200 550 0 0 0 0 0\n"))
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert idle_cores(1.0, stop, path) == pytest.approx(0.5)


def test_no_tick_between_the_reads_is_unknown(tmp_path: Path) -> None:
    stop = threading.Event()
    stop.set()
    assert idle_cores(1.0, stop, stat_file(tmp_path, BEFORE)) is None


@pytest.mark.skipif(not module.PROC_STAT.is_file(), reason="Linux only")
def test_this_machine_reads(tmp_path: Path) -> None:
    idle = idle_cores(0.2, threading.Event())
    assert idle is not None and 0.0 <= idle <= (os.cpu_count() or 1)


def test_idle_between_two_readings_is_unknown_when_either_is() -> None:
    assert idle_between(None, (10, 5)) is None
    assert idle_between((10, 5), None) is None
