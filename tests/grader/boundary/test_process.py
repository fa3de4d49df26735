"""The worker's files: every module main.py loads by path is among those the sandbox binds."""

from __future__ import annotations

import re

from grader.boundary.process import WORKER_FILES, WORKER_SCRIPT


def test_every_module_the_worker_loads_by_path_is_a_worker_file() -> None:
    loaded = set(re.findall(r'load_wire\("(\w+)"\)', WORKER_SCRIPT.read_text(encoding="utf-8")))
    assert loaded, "main.py loads its siblings with load_wire(...)"
    bound = {path.name for path in WORKER_FILES}
    assert {f"{name}.py" for name in loaded | {"wire"}} <= bound
