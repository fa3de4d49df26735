"""Test certificates for a TLS cluster, made with the openssl command under the test's folder."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from grader.batch.cluster_security import Certificates


def openssl(*args: str) -> None:
    subprocess.run(["openssl", *args], check=True, capture_output=True, timeout=60)


def make_certificates(folder: Path, name: str = "cluster") -> Certificates:
    """A certificate authority and one certificate (for 127.0.0.1 and localhost) it signed."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is not installed")
    folder.mkdir(parents=True, exist_ok=True)
    ca_key, ca, key, request, cert = (
        folder / f"{name}-{part}" for part in ("ca.key", "ca.pem", "key.pem", "req.pem", "cert.pem")
    )
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        f"/CN={name} test CA",
        "-keyout",
        str(ca_key),
        "-out",
        str(ca),
    )
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=localhost",
        "-keyout",
        str(key),
        "-out",
        str(request),
    )
    extensions = folder / f"{name}-ext.cnf"
    extensions.write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n", encoding="ascii")
    openssl(
        "x509",
        "-req",
        "-in",
        str(request),
        "-CA",
        str(ca),
        "-CAkey",
        str(ca_key),
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        str(extensions),
        "-out",
        str(cert),
    )
    return Certificates(ca, cert, key)
