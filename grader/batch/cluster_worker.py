"""`grader worker --scheduler ADDRESS`: check this machine, then run a Dask grading worker.

The worker listens only on the interface toward the scheduler unless
``--host`` says otherwise, serves no dashboard unless ``--dashboard``, and
speaks TLS when given the cluster's certificate files.

The checks: Dask is installed, the bubblewrap sandbox starts Python with no
network (the batch's own probe), and the course cache is writable. The same
module is a Dask preload, so ``dask worker ADDRESS --preload
grader.batch.cluster_worker`` runs the checks too and refuses to start a
worker that could not grade safely.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from grader.batch.cluster import NO_DASK
from grader.batch.cluster_address import AddressProblem, dashboard_flags, interface_toward
from grader.batch.cluster_security import CertificateProblem, certificates, check_address, tls_options
from grader.batch.cluster_task import CACHE_VARIABLE, SLOT_VARIABLE, course_cache
from grader.boundary.sandbox import SandboxUnavailable, open_sandbox


class WorkerProblem(click.ClickException):
    exit_code = 2


def check_worker(cache: Path) -> list[str]:
    """What this machine lacks to grade safely (empty when it can)."""
    problems = []
    try:
        import distributed  # noqa: F401
    except ImportError:
        problems.append(NO_DASK)
    try:
        open_sandbox()
    except SandboxUnavailable as error:
        problems.append(str(error))
    try:
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cache, prefix=".probe-"):
            pass
    except OSError as error:
        problems.append(f"The course cache {cache} is not writable ({error}); choose another with --cache.")
    return problems


def dask_setup(worker: Any) -> None:
    """Dask's preload hook: refuse to start a worker that could not grade safely."""
    problems = check_worker(course_cache())
    if problems:
        raise RuntimeError("This machine cannot be a grading worker:\n" + "\n".join(problems))


@click.command("worker")
@click.option("--scheduler", required=True, help="The Dask scheduler's address, e.g. tls://10.0.0.5:8786.")
@click.option("--nthreads", type=click.IntRange(1, 64), default=os.cpu_count() or 1, show_default=True)
@click.option("--cache", type=click.Path(file_okay=False, path_type=Path), help="Course cache folder.")
@click.option(
    "--slot-base",
    type=click.IntRange(0, 90),
    default=0,
    help="Where the search for free sandbox uids starts (uids are leased per host: not needed for safety).",
)
@click.option(
    "--host",
    "--listen-address",
    "host",
    help="The address to listen on [default: this machine's interface toward the scheduler].",
)
@click.option("--dashboard", is_flag=True, help="Serve Dask's worker dashboard (on --host, any port).")
@tls_options
def worker(scheduler: str, nthreads: int, cache: Path | None, slot_base: int, **network: Any) -> None:
    """Run a grading worker for the Dask cluster at --scheduler, after checking this machine."""
    folder = (cache or course_cache()).resolve()
    problems = check_worker(folder)
    if problems:
        raise WorkerProblem("This machine cannot be a grading worker:\n" + "\n".join(problems))
    try:
        tls = certificates(network["tls_ca_file"], network["tls_cert"], network["tls_key"])
        check_address(scheduler, tls)
        host = network["host"] or interface_toward(scheduler)
    except (CertificateProblem, AddressProblem) as error:
        raise WorkerProblem(str(error)) from None
    click.echo(f"Checks passed: sandbox without network, course cache {folder}.")
    click.echo(f"Joining {scheduler}, listening on {host}{' with TLS' if tls else ''}.")
    environment = dict(os.environ, **{CACHE_VARIABLE: str(folder), SLOT_VARIABLE: str(slot_base)})
    command = [sys.executable, "-m", "distributed.cli.dask_worker", scheduler]
    command += ["--nthreads", str(nthreads), "--preload", __name__, "--host", host]
    command += dashboard_flags(host, bool(network["dashboard"]))
    if tls is not None:
        command += ["--protocol", "tls", *tls.dask_flags()]
    sys.stdout.flush()
    os.execve(sys.executable, command, environment)
