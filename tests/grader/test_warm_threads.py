"""Work shared among threads: one warm pytest server per thread, costliest work first, results in order."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace

import pytest

import grader.pipeline.warm as warm
from grader.idle_cores import Cores, Ticks
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


class FakeCores(Cores):
    """Cores that always stand this idle (None: idleness cannot be read here)."""

    def __init__(self, idle: float | None) -> None:
        self.idle = idle

    def look(self, seconds: float, stop: threading.Event) -> float | None:
        return self.idle

    def reading(self) -> Ticks | None:
        return None

    def idle_since(self, before: Ticks | None) -> float | None:
        return self.idle


busy, idle, unknown = FakeCores(0.0), FakeCores(2.0), FakeCores(None)


def test_each_thread_keeps_one_server_for_all_its_work(fake_servers: list[FakeServer]) -> None:
    used: dict[int, set[int]] = {}
    lock = threading.Lock()

    def work(item: int) -> int:
        with pytest_server() as server, lock:
            used.setdefault(threading.get_ident(), set()).add(id(server))
        return item * 10

    assert map_warm(work, list(range(12)), float, jobs=2, cores=busy) == [item * 10 for item in range(12)]
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


def most_at_once(cores: Cores, jobs: int, pieces: int = 8) -> int:
    """How many pieces ran at the same time, each piece waiting a moment for others to join it."""
    running, most = [0], [0]
    lock = threading.Lock()
    others_came = threading.Condition(lock)

    def work(item: int) -> int:
        with others_came:
            running[0] += 1
            most[0] = max(most[0], running[0])
            others_came.notify_all()
            others_came.wait_for(lambda: running[0] > 4, timeout=0.3)
            running[0] -= 1
        return item

    assert map_warm(work, list(range(pieces)), float, jobs=jobs, cores=cores) == list(range(pieces))
    return most[0]


def test_spare_threads_take_pieces_while_cores_stand_idle(fake_servers: list[FakeServer]) -> None:
    assert most_at_once(idle, jobs=2) > 2
    assert all(server.closed for server in fake_servers)


@pytest.mark.parametrize("cores", [busy, unknown], ids=["cores busy", "idleness unknown"])
def test_no_more_than_jobs_pieces_at_once_unless_a_core_stands_idle(
    fake_servers: list[FakeServer], cores: Cores
) -> None:
    assert most_at_once(cores, jobs=2) == 2


def test_one_job_means_one_piece_at_a_time_even_on_an_idle_machine(fake_servers: list[FakeServer]) -> None:
    assert most_at_once(idle, jobs=1) == 1


def test_a_spare_takes_the_cheapest_piece_and_the_workers_the_costliest(
    fake_servers: list[FakeServer],
) -> None:
    spare_went = threading.Event()
    started: list[str] = []
    costs = {"long": 9.0, "longer": 10.0, "middle": 5.0, "short": 1.0}

    def work(item: str) -> str:
        started.append(item)
        if item in ("long", "longer"):  # the workers' pieces: only a spare can take one meanwhile
            spare_went.wait(30)
        else:
            spare_went.set()
        return item

    assert map_warm(work, list(costs), costs.__getitem__, jobs=2, cores=idle) == list(costs)
    assert sorted(started[:2]) == ["long", "longer"]
    assert started[2] == "short"


def test_spares_stop_looking_once_every_piece_is_taken(fake_servers: list[FakeServer]) -> None:
    looks: list[bool] = []

    class Patient(FakeCores):
        def look(self, seconds: float, stop: threading.Event) -> float | None:
            looks.append(stop.wait(30))  # True as soon as the last piece is taken
            return 0.0

    def work(item: int) -> str:
        time.sleep(0.1)
        return str(item)

    assert map_warm(work, [1, 2, 3, 4, 5], float, jobs=2, cores=Patient(0.0)) == ["1", "2", "3", "4", "5"]
    assert looks and all(looks)


def test_a_piece_that_fails_on_a_spare_stops_the_work(fake_servers: list[FakeServer]) -> None:
    spare_went = threading.Event()
    started: list[int] = []

    def work(item: int) -> int:
        started.append(item)
        if item >= 8:  # the workers' pieces, costliest first: only a spare can take another meanwhile
            spare_went.wait(30)
            return item
        spare_went.set()
        raise ValueError("broken on a spare")

    with pytest.raises(ValueError, match="broken on a spare"):
        map_warm(work, list(range(10)), float, jobs=2, cores=idle)
    assert sorted(started) == [0, 8, 9]
