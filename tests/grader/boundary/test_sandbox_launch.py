"""The launch step's arguments: written by one function, read back by the other."""

from __future__ import annotations

import subprocess
from pathlib import Path

from grader.boundary.sandbox_launch import JOIN_FAILED, NAME, cgroups_of, launch_prefix


def test_no_filter_and_no_cgroup_needs_no_launch_step() -> None:
    assert launch_prefix("", []) == []
    assert cgroups_of(["bwrap", "--unshare-all"]) == ()


def test_the_cgroups_named_are_read_back_from_a_whole_prefix() -> None:
    prefix = launch_prefix("/x/filter.bpf", ["/cg/pids/l0", "/cg/memory/l0"]) + ["bwrap", "--", "python"]
    assert cgroups_of(prefix) == ("/cg/pids/l0", "/cg/memory/l0")
    assert cgroups_of(launch_prefix("/x/filter.bpf", []) + ["bwrap"]) == ()


def test_a_cgroup_it_cannot_join_stops_it_before_the_command(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    command = launch_prefix("", [str(tmp_path / "missing")]) + ["touch", str(marker)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    assert result.returncode == JOIN_FAILED
    assert result.stderr.startswith(f"{NAME}:")  # how the worker's end is told to be the host's
    assert not marker.exists()


def test_the_filter_file_is_open_on_its_descriptor_for_the_command(tmp_path: Path) -> None:
    program = tmp_path / "filter.bpf"
    program.write_bytes(b"program")
    command = launch_prefix(str(program), []) + ["sh", "-c", "cat <&9"]
    assert subprocess.run(command, capture_output=True, timeout=30).stdout == b"program"
