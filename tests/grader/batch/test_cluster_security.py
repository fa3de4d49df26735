"""A TLS cluster on loopback: `grader scheduler` and `grader worker` with certificates, bound to one address.

A client without the cluster's certificate cannot submit work, and is told
why; the scheduler and the worker listen only where they were told.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from grader.batch.cluster import ClusterError, connect
from grader.batch.cluster_address import AddressProblem, dashboard_flags, host_and_port, interface_toward
from grader.batch.cluster_security import CertificateProblem, Certificates, certificates, check_address
from tests.grader.batch.certificates import make_certificates
from tests.grader.batch.helpers import (
    CORRECT_DOUBLED,
    free_port,
    grade,
    gradebook_rows,
    needs_sandbox,
    start,
    stop,
    write_learner,
)


def test_the_three_files_go_together(tmp_path: Path) -> None:
    files = [tmp_path / name for name in ("ca.pem", "cert.pem", "key.pem")]
    assert certificates(None, None, None) is None
    assert certificates(*files) == Certificates(*[f.resolve() for f in files])
    with pytest.raises(CertificateProblem, match="go together"):
        certificates(files[0], files[1], None)


def test_a_tls_address_needs_certificates_and_certificates_need_tls(tmp_path: Path) -> None:
    found = Certificates(tmp_path / "a", tmp_path / "b", tmp_path / "c")
    check_address("tls://10.0.0.5:8786", found)
    check_address("tcp://10.0.0.5:8786", None)
    with pytest.raises(CertificateProblem, match="is a TLS address: pass --tls-ca-file"):
        check_address("tls://10.0.0.5:8786", None)
    with pytest.raises(CertificateProblem, match="use tls://10.0.0.5:8786"):
        check_address("tcp://10.0.0.5:8786", found)


def test_a_worker_listens_on_the_interface_toward_its_scheduler() -> None:
    assert host_and_port("tls://10.0.0.5:8786") == ("10.0.0.5", 8786)
    assert interface_toward("tcp://127.0.0.1:8786") == "127.0.0.1"
    with pytest.raises(AddressProblem, match="not a scheduler address"):
        interface_toward("http://127.0.0.1")
    assert dashboard_flags("10.0.0.5", False) == ["--no-dashboard", "--dashboard-address", "10.0.0.5:0"]
    assert dashboard_flags("::1", True, 8787) == ["--dashboard", "--dashboard-address", "[::1]:8787"]


@dataclass
class TlsCluster:
    address: str
    certificates: Certificates
    processes: list[subprocess.Popen[bytes]]


@pytest.fixture
def tls_cluster(tmp_path: Path) -> Iterator[TlsCluster]:
    pytest.importorskip("distributed", reason="dask is not installed: pip install -e '.[cluster]'")
    needs_sandbox()
    found = make_certificates(tmp_path / "certs")
    port = free_port()
    address = f"tls://127.0.0.1:{port}"
    tls = [f"--tls-ca-file={found.ca_file}", f"--tls-cert={found.cert}", f"--tls-key={found.key}"]
    grader = [sys.executable, "-m", "grader"]
    processes = [start([*grader, "scheduler", "--port", str(port), *tls], tmp_path / "scheduler.log")]
    try:
        worker = [
            *grader,
            "worker",
            "--scheduler",
            address,
            "--nthreads",
            "1",
            "--cache",
            str(tmp_path / "c"),
        ]
        processes.append(start([*worker, *tls], tmp_path / "worker.log"))
        wait_for_port(port, processes[0])
        client = connect(address, found)  # waits (bounded) for the worker to join
        client.close()
        yield TlsCluster(address, found, processes)
    finally:
        for process in processes:
            stop(process)


def wait_for_port(port: int, process: subprocess.Popen[bytes]) -> None:
    """Wait (at most a minute) until something accepts connections on ``port``."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail(f"nothing listens on port {port}")


def listening(processes: list[subprocess.Popen[bytes]]) -> set[str]:
    """The addresses the processes (and their children) listen on."""
    import psutil

    found = set()
    for process in processes:
        tree = [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
        for member in tree:
            for connection in member.net_connections(kind="inet"):
                if connection.status == psutil.CONN_LISTEN:
                    found.add(connection.laddr.ip)
    return found


def test_a_tls_cluster_grades_and_listens_only_on_loopback(
    tls_cluster: TlsCluster, course_dir: Path, tmp_path: Path
) -> None:
    assert listening(tls_cluster.processes) == {"127.0.0.1"}  # no 0.0.0.0, dashboards included
    write_learner(tmp_path / "subs", "ann", {"doubled.py": CORRECT_DOUBLED})
    tls = tls_cluster.certificates.dask_flags()
    result = grade(
        course_dir,
        tmp_path / "subs",
        tmp_path / "out",
        "--exercise",
        "doubled",
        "--scheduler",
        tls_cluster.address,
        *tls,
    )
    assert result.exit_code == 0, result.output
    assert gradebook_rows(tmp_path / "out")["ann"]["status"] == "graded"


def test_a_client_without_the_clusters_certificate_cannot_submit_work(
    tls_cluster: TlsCluster, course_dir: Path, tmp_path: Path
) -> None:
    from distributed import Client

    write_learner(tmp_path / "subs", "ann", {"doubled.py": CORRECT_DOUBLED})
    args = ["--exercise", "doubled", "--scheduler", tls_cluster.address]
    without = grade(course_dir, tmp_path / "subs", tmp_path / "out1", *args)
    assert without.exit_code == 2
    assert "is a TLS address: pass --tls-ca-file, --tls-cert and --tls-key" in without.output
    other = make_certificates(tmp_path / "other", "other")  # a certificate the cluster's CA did not sign
    refused = grade(course_dir, tmp_path / "subs", tmp_path / "out2", *args, *other.dask_flags())
    assert refused.exit_code == 2
    assert f"Cannot reach the Dask scheduler at {tls_cluster.address}" in refused.output
    assert "what a refused certificate looks like" in refused.output
    assert "Traceback" not in refused.output
    with pytest.raises(ClusterError, match="TLS certificate does not match"):
        connect(tls_cluster.address, other)
    plain = tls_cluster.address.replace("tls://", "tcp://")  # no TLS at all: refused by the scheduler
    with pytest.raises(OSError):
        Client(plain, timeout=5, set_as_default=False)
