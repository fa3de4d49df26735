"""TLS for the Dask cluster: the certificate files every grader command that joins a cluster takes.

Dask's own protocol has no authentication: anyone who reaches the
scheduler's port can run code on the workers. With TLS (``tls://``
addresses) the scheduler, the workers and the client each present a
certificate signed by the cluster's certificate authority and check the
others': a client without such a certificate cannot submit work. The three
files are passed to Dask's scheduler and worker commands as their
``--tls-ca-file``, ``--tls-cert`` and ``--tls-key``, and to the client as a
:class:`distributed.security.Security` that requires encryption.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

Command = TypeVar("Command", bound=Callable[..., Any])


class CertificateProblem(Exception):
    """The TLS options do not fit together or with the address; the message says what to pass."""


@dataclass(frozen=True)
class Certificates:
    """The cluster's certificate authority, and this machine's certificate and private key."""

    ca_file: Path
    cert: Path
    key: Path

    def dask_flags(self) -> list[str]:
        """The options Dask's scheduler and worker commands take for these files."""
        return ["--tls-ca-file", str(self.ca_file), "--tls-cert", str(self.cert), "--tls-key", str(self.key)]

    def security(self) -> Any:
        """A Dask client's security settings: these files, and no unencrypted connection."""
        from distributed.security import Security

        return Security(
            tls_ca_file=str(self.ca_file),
            tls_client_cert=str(self.cert),
            tls_client_key=str(self.key),
            require_encryption=True,
        )


def certificates(ca_file: Path | None, cert: Path | None, key: Path | None) -> Certificates | None:
    """The three files given together, or None when none is; else a CertificateProblem."""
    given = [path for path in (ca_file, cert, key) if path is not None]
    if not given:
        return None
    if ca_file is None or cert is None or key is None:
        raise CertificateProblem(
            "--tls-ca-file, --tls-cert and --tls-key go together: pass the cluster's CA certificate, "
            "this machine's certificate and its private key."
        )
    return Certificates(ca_file.resolve(), cert.resolve(), key.resolve())


def check_address(address: str, found: Certificates | None) -> None:
    """A tls:// address needs the certificate files, and the files need a tls:// address."""
    secure = address.startswith("tls://")
    if secure and found is None:
        raise CertificateProblem(
            f"{address} is a TLS address: pass --tls-ca-file, --tls-cert and --tls-key "
            "(the cluster's CA certificate, and a certificate and key it signed)."
        )
    if found is not None and not secure:
        raise CertificateProblem(
            f"The certificate files are for TLS, but {address} is not a tls:// address: "
            f"use tls://{address.split('://')[-1]}."
        )


def tls_options(command: Command) -> Command:
    """Add --tls-ca-file, --tls-cert and --tls-key to a click command."""
    existing = click.Path(exists=True, dir_okay=False, path_type=Path)
    helps = {
        "--tls-ca-file": "The cluster's CA certificate (PEM): TLS with tls:// addresses.",
        "--tls-cert": "This machine's certificate (PEM), signed by that CA.",
        "--tls-key": "The private key of --tls-cert (PEM).",
    }
    for flag, text in reversed(helps.items()):
        command = click.option(flag, type=existing, default=None, help=text)(command)
    return command
