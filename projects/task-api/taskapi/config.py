"""Settings from the environment (milestone 12), with command-line flags winning over them.

A container platform configures a program through environment variables,
so every setting has one: ``TASKAPI_HOST``, ``TASKAPI_PORT``, ``TASKAPI_DB``,
``TASKAPI_LOG_LEVEL`` and ``TASKAPI_SHUTDOWN_GRACE`` (CONTRACT.md section 13).
A flag given on the command line wins over its variable, and a default is
used when neither is given. ``load_settings`` (given) does that layering;
``settings_from_env`` is yours.

Every variable that is set is checked at startup, even one a flag
overrides. A bad value raises ConfigError with one line naming the
variable and its value; ``__main__.py`` prints it and exits with status 2.
"""

from __future__ import annotations

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


# Each parse_ function takes the variable's text and returns the value, or
# raises ValueError whose message says what a good value looks like; that
# message becomes the end of the ConfigError's line.


def parse_host(text: str) -> str:
    if not text.strip() or any(c.isspace() for c in text):
        raise ValueError("an address such as 127.0.0.1 or 0.0.0.0")
    return text


def parse_port(text: str) -> int:
    """A whole number from 1 to 65535 ("eighty", "0" and "70000" are not)."""
    # TODO (milestone 12)
    raise NotImplementedError("parse_port")


def parse_db(text: str) -> str:
    if not text.strip():
        raise ValueError("the path of a SQLite file")
    return text


def parse_log_level(text: str) -> str:
    """One of LOG_LEVELS, in any case; returned in lower case."""
    # TODO (milestone 12)
    raise NotImplementedError("parse_log_level")


def parse_grace(text: str) -> float:
    """A number of seconds from 0 to MAX_GRACE_SECONDS ("nan" is not one)."""
    # TODO (milestone 12)
    raise NotImplementedError("parse_grace")


# The variable each setting is read from, and how its text is checked.
VARIABLES = {
    "host": ("TASKAPI_HOST", parse_host),
    "port": ("TASKAPI_PORT", parse_port),
    "db": ("TASKAPI_DB", parse_db),
    "log_level": ("TASKAPI_LOG_LEVEL", parse_log_level),
    "shutdown_grace": ("TASKAPI_SHUTDOWN_GRACE", parse_grace),
}


def settings_from_env(environ: Mapping[str, str]) -> dict[str, Any]:
    """Read every TASKAPI_ variable that is set; raise ConfigError for the first bad one.

    Returns {setting name: value} for the variables that are set, for
    example {"port": 8080}. The ConfigError's message is one line such as
    "TASKAPI_PORT must be a whole number from 1 to 65535, got 'eighty'".
    """
    # TODO (milestone 12): until then the environment is not read at all.
    return {}


def load_settings(flags: Mapping[str, Any], environ: Mapping[str, str]) -> Settings:
    """Defaults, then the environment, then the flags given (those not None)."""
    settings = replace(Settings(), **settings_from_env(environ))
    given = {field: value for field, value in flags.items() if value is not None}
    return replace(settings, **given)
