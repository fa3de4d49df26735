"""Work shared among threads: one warm pytest server per thread, costliest work first, results in order."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest

import grader.pipeline.warm as warm
from grader.pipeline.warm import pytest_server
from grader.warm_threads import map_warm


class FakeServer:
    """Stands for a pytest server: counts how often one is started and closed."""

    started: list[FakeServer] = []

    def __init__(self) -> None:
        self.process = SimpleNamespace(poll=lambda: None)
        self.closed = False
        FakeServer.started.append(self)

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def fake_servers(monkeypatch: pytest.MonkeyPatch) -> list[FakeServer]:
    FakeServer.started = []
    monkeypatch.setattr(warm, "new_server", FakeServer)
    monkeypatch.setattr(warm, "can_serve", lambda: True)
    return FakeServer.started


def test_each_thread_keeps_one_server_for_all_its_work(fake_servers: list[FakeServer]) -> None:
    used: dict[int, set[int]] = {}
    lock = threading.Lock()

    def work(item: int) -> int:
        with pytest_server() as server, lock:
            used.setdefault(threading.get_ident(), set()).add(id(server))
        return item * 10

    assert map_warm(work, list(range(12)), float, jobs=2) == [item * 10 for item in range(12)]
    assert 1 <= len(fake_servers) <= 2
    assert all(len(servers) == 1 for servers in used.values())
    assert all(server.closed for server in fake_servers)


def test_the_costliest_work_starts_first(fake_servers: list[FakeServer]) -> None:
    started: list[str] = []
    costs = {"short": 1.0, "long": 9.0, "middle": 5.0, "also short": 1.0}
    results = map_warm(lambda item: started.append(item) or item.upper(), list(costs), costs.get, jobs=1)
    assert started == ["long", "middle", "short", "also short"]
    assert results == ["SHORT", "LONG", "MIDDLE", "ALSO SHORT"]
    assert len(fake_servers) == 1


def test_an_error_stops_the_work_and_is_raised(fake_servers: list[FakeServer]) -> None:
    done: list[int] = []

    def work(item: int) -> int:
        if item == 2:
            raise ValueError("broken")
        done.append(item)
        return item

    with pytest.raises(ValueError, match="broken"):
        map_warm(work, [0, 1, 2, 3, 4], lambda item: -item, jobs=1)
    assert done == [0, 1]
    assert all(server.closed for server in fake_servers)


def test_no_work_starts_no_server(fake_servers: list[FakeServer]) -> None:
    assert map_warm(str, [], float, jobs=2) == []
    assert fake_servers == []
