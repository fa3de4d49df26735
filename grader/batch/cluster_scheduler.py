"""`grader scheduler`: start a Dask scheduler for grading, on one address, without a dashboard.

Dask's own ``dask scheduler`` listens on every interface and serves its
dashboard on every interface (port 8787) even when ``--host`` names one. This
command starts the same scheduler bound to ``--host`` (loopback unless told),
with a dashboard only when ``--dashboard`` asks for it (and then on that
host), and with TLS when given the cluster's certificate files.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from grader.batch.cluster_address import EVERY_INTERFACE, dashboard_flags
from grader.batch.cluster_security import CertificateProblem, certificates, tls_options

DASHBOARD_PORT = 8787


@click.command("scheduler")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8786, show_default=True)
@click.option("--dashboard", is_flag=True, help="Serve Dask's dashboard (on --host, port 8787).")
@tls_options
def scheduler(
    host: str,
    port: int,
    dashboard: bool,
    tls_ca_file: Path | None,
    tls_cert: Path | None,
    tls_key: Path | None,
) -> None:
    """Run a Dask scheduler for `grader grade --scheduler` and `grader worker`."""
    try:
        tls = certificates(tls_ca_file, tls_cert, tls_key)
    except CertificateProblem as error:
        raise click.UsageError(str(error)) from None
    scheme = "tls" if tls else "tcp"
    shown = f"[{host}]" if ":" in host else host
    board = f", dashboard on {shown}:{DASHBOARD_PORT}" if dashboard else ""
    click.echo(f"Scheduler at {scheme}://{shown}:{port}{board}.")
    if host in EVERY_INTERFACE and tls is None:
        click.echo(
            "Warning: listening on every interface without TLS. Anyone who reaches this port can run "
            "code on the workers; pass --tls-ca-file, --tls-cert and --tls-key.",
            err=True,
        )
    command = [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", host, "--port", str(port)]
    command += ["--protocol", scheme, *(tls.dask_flags() if tls else [])]
    command += dashboard_flags(host, dashboard, DASHBOARD_PORT)
    sys.stdout.flush()
    os.execv(sys.executable, command)
