"""Sandbox uids leased per host: never two holders at once, freed when the holder dies."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from grader.boundary import uid_leases
from grader.boundary.uid_leases import FIRST_UID, lease_uid

HOLD = """\
import sys, time
from grader.boundary.uid_leases import lease_uid
lease = lease_uid(int(sys.argv[1]))
print(lease.uid, flush=True)
time.sleep(60)
"""


def test_two_leases_never_share_a_uid_and_a_released_one_is_free_again() -> None:
    first, second = lease_uid(500), lease_uid(500)
    try:
        assert first.uid != second.uid
        assert FIRST_UID <= first.uid < FIRST_UID + uid_leases.UID_COUNT
        taken = first.uid
        first.release()
        again = lease_uid(taken - FIRST_UID)
        assert again.uid == taken
        again.release()
    finally:
        first.release()
        second.release()


def test_another_process_holds_its_uid_until_it_is_killed() -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, "600"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None
        held = int(holder.stdout.readline())
        mine = lease_uid(held - FIRST_UID)
        assert mine.uid != held
        mine.release()
    finally:
        holder.kill()
        holder.wait(10)
    after = lease_uid(held - FIRST_UID)  # the kernel dropped the dead holder's lock
    assert after.uid == held
    after.release()


def test_a_uid_some_process_already_runs_as_is_skipped() -> None:
    if os.geteuid() != 0:
        pytest.skip("only root can start a process as another uid")
    probe = lease_uid(700)
    busy = probe.uid
    probe.release()
    runner = subprocess.Popen(
        ["setpriv", f"--reuid={busy}", f"--regid={busy}", "--clear-groups", "sleep", "30"]
    )
    try:
        for _ in range(100):  # bounded: until the process runs as that uid
            if os.path.exists(f"/proc/{runner.pid}") and os.stat(f"/proc/{runner.pid}").st_uid == busy:
                break
            subprocess.run(["sleep", "0.02"])
        lease = lease_uid(busy - FIRST_UID)
        assert lease.uid != busy
        lease.release()
    finally:
        runner.kill()
        runner.wait(10)
