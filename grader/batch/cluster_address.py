"""Addresses on the cluster: which local interface a worker should listen on.

A Dask worker listens on every interface unless told otherwise, and Dask's
protocol has no authentication: anyone who reaches a worker's port can make
it run code. So a grading worker listens only on the interface its traffic
to the scheduler leaves by (the route the kernel picks, found by "connecting"
a UDP socket, which sends nothing), unless asked for another.
"""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

EVERY_INTERFACE = ("0.0.0.0", "::", "")


class AddressProblem(Exception):
    """An address that cannot be used; the message says what to pass instead."""


def host_and_port(address: str) -> tuple[str, int]:
    """The host and port of a ``tcp://HOST:PORT`` or ``tls://HOST:PORT`` address."""
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    try:
        port = parts.port
    except ValueError:
        port = None
    if parts.scheme not in ("tcp", "tls") or not parts.hostname or port is None:
        raise AddressProblem(f"{address!r} is not a scheduler address like tcp://10.0.0.5:8786")
    return parts.hostname, port


def interface_toward(address: str) -> str:
    """The IP address of this machine's interface on the route to ``address``."""
    host, port = host_and_port(address)
    try:
        family, kind, _, _, target = socket.getaddrinfo(host, port, type=socket.SOCK_DGRAM)[0]
        with socket.socket(family, kind) as probe:
            probe.connect(target)
            return str(probe.getsockname()[0])
    except OSError as error:
        raise AddressProblem(
            f"Cannot find this machine's interface toward {address} ({error}): pass --host with the "
            "address the scheduler reaches this machine at."
        ) from None


def dashboard_flags(host: str, wanted: bool, port: int = 0) -> list[str]:
    """Dask's dashboard flags: no dashboard unless asked, and its HTTP server only on ``host``.

    Dask starts an HTTP server (health checks, metrics) even with
    ``--no-dashboard``, on every interface unless given an address: it is
    bound to ``host`` always, on a free port when there is no dashboard.
    """
    shown = f"[{host}]" if ":" in host else host
    if not wanted:
        return ["--no-dashboard", "--dashboard-address", f"{shown}:0"]
    return ["--dashboard", "--dashboard-address", f"{shown}:{port}"]
