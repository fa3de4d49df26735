"""Idle cores read from /proc/stat: the ticks of the cores we may run on, before and after a look."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from grader import idle_cores as module
from grader.idle_cores import idle_between, idle_cores, our_cores, processor_times

#            user nice system idle iowait irq softirq steal
BEFORE = (
    "cpu  1500 0 750 12000 750 0 0 0 0 0\n"
    "cpu0 500 0 250 4000 250 0 0 0 0 0\n"
    "cpu1 500 0 250 4000 250 0 0 0 0 0\n"
    "cpu2 500 0 250 4000 250 0 0 0 0 0\n"
    "intr 1 2 3\n"
)
# 1000 more ticks on each of cpu0 and cpu1, 250 of them idle; cpu2 (not ours) stood idle throughout.
AFTER = (
    "cpu  2500 0 1250 13700 850 0 0 0 0 0\n"
    "cpu0 1000 0 500 4200 300 0 0 0 0 0\n"
    "cpu1 1000 0 500 4200 300 0 0 0 0 0\n"
    "cpu2 500 0 250 5300 250 0 0 0 0 0\n"
)


def stat_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "stat"
    path.write_text(text, encoding="ascii")
    return path


def test_only_our_cores_count_and_waiting_for_the_disk_is_idle(tmp_path: Path) -> None:
    assert processor_times(stat_file(tmp_path, BEFORE), {0, 1}) == (2 * 5000, 2 * 4250, 2)


@pytest.mark.parametrize(
    "text",
    ["", "intr 1 2 3\n", "cpu0 1 2 3\ncpu1 1 2 3\n", "cpu0 a b c d e\ncpu1 a b c d e\n", "cpu0 1 0 1 5 0\n"],
    ids=["empty", "no cpu lines", "short", "not numbers", "a core missing"],
)
def test_an_unreadable_file_gives_no_figures(tmp_path: Path, text: str) -> None:
    assert processor_times(stat_file(tmp_path, text), {0, 1}) is None


def test_a_missing_file_gives_no_figures(tmp_path: Path) -> None:
    assert processor_times(tmp_path / "nowhere", {0}) is None


def test_idle_cores_are_the_idle_share_of_our_ticks_between_two_reads_times_our_cores(tmp_path: Path) -> None:
    path = stat_file(tmp_path, BEFORE)
    before = processor_times(path, {0, 1})
    path.write_text(AFTER, encoding="ascii")
    # A quarter of each of our two cores stood idle: half a core. cpu2's idleness is no room for us.
    assert idle_between(before, processor_times(path, {0, 1})) == pytest.approx(0.5)


def test_a_look_reads_before_and_after_its_wait(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = stat_file(tmp_path, BEFORE)
    monkeypatch.setattr(module, "our_cores", lambda: {0, 1})
    stop = threading.Event()
    monkeypatch.setattr(stop, "wait", lambda seconds: path.write_text(AFTER, encoding="ascii"))
    assert idle_cores(1.0, stop, path) == pytest.approx(0.5)


def test_no_tick_between_the_reads_is_unknown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "our_cores", lambda: {0, 1})
    stop = threading.Event()
    stop.set()
    assert idle_cores(1.0, stop, stat_file(tmp_path, BEFORE)) is None


def test_idle_between_two_readings_is_unknown_when_either_is() -> None:
    assert idle_between(None, (10, 5, 2)) is None
    assert idle_between((10, 5, 2), None) is None


@pytest.mark.skipif(not module.PROC_STAT.is_file(), reason="Linux only")
def test_this_machine_reads() -> None:
    idle = idle_cores(0.2, threading.Event())
    assert idle is not None and 0.0 <= idle <= len(our_cores())
