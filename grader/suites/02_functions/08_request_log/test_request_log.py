"""Hidden tests for the request-log exercise: each step alone, then the whole pipeline."""

import pytest

from grader.testkit import call


@pytest.mark.points(2)
def test_parse_a_line(learner):
    """parse_line reads method, path, status and duration."""
    call(learner.parse_line, "GET /tasks 200 35ms").returns(("GET", "/tasks", 200, 35))
    call(learner.parse_line, "  DELETE   /tasks/7  503  1200ms ").returns(("DELETE", "/tasks/7", 503, 1200))


def test_parse_the_edges_of_the_ranges(learner):
    """Status 100 and 599 and a duration of 0ms are all valid."""
    call(learner.parse_line, "PATCH /a 100 0ms").returns(("PATCH", "/a", 100, 0))
    call(learner.parse_line, "PUT / 599 7ms").returns(("PUT", "/", 599, 7))


@pytest.mark.points(3)
@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("GET /tasks", "expected 'METHOD PATH STATUS DURATIONms', got 'GET /tasks'"),
        (
            " GET /tasks 200 35ms extra ",
            "expected 'METHOD PATH STATUS DURATIONms', got 'GET /tasks 200 35ms extra'",
        ),
        ("", "expected 'METHOD PATH STATUS DURATIONms', got ''"),
        ("FETCH /tasks 200 5ms", "unknown method 'FETCH'"),
        ("get /tasks 200 5ms", "unknown method 'get'"),
        ("GET tasks 200 5ms", "a path starts with '/', got 'tasks'"),
        ("GET /tasks 600 5ms", "status must be a number from 100 to 599, got '600'"),
        ("GET /tasks 99 5ms", "status must be a number from 100 to 599, got '99'"),
        ("GET /tasks OK 5ms", "status must be a number from 100 to 599, got 'OK'"),
        ("GET /tasks 200 35s", "duration must look like 35ms, got '35s'"),
        ("GET /tasks 200 ms", "duration must look like 35ms, got 'ms'"),
        ("GET /tasks 200 -3ms", "duration must look like 35ms, got '-3ms'"),
    ],
    ids=[
        "two-fields",
        "five-fields",
        "empty",
        "unknown-method",
        "lower-case-method",
        "relative-path",
        "status-600",
        "status-99",
        "status-word",
        "seconds",
        "no-digits",
        "negative-duration",
    ],
)
def test_parse_refuses_a_bad_line(learner, line, message):
    """A line that breaks a rule raises ValueError with the README's message."""
    call(learner.parse_line, line).raises(ValueError, match=message)


@pytest.mark.points(2)
def test_summarise_counts_per_endpoint(learner):
    """summarise counts requests, 5xx errors and the slowest duration per 'METHOD PATH'."""
    requests = [("GET", "/tasks", 200, 35), ("GET", "/tasks", 503, 120), ("POST", "/tasks", 201, 80)]
    call(learner.summarise, requests).left_arguments_unchanged().returns(
        {
            "GET /tasks": {"count": 2, "errors": 1, "slowest_ms": 120},
            "POST /tasks": {"count": 1, "errors": 0, "slowest_ms": 80},
        }
    )


def test_only_server_errors_count(learner):
    """A 4xx status is not an error; 500 and 599 are."""
    requests = [("GET", "/x", 404, 1), ("GET", "/x", 499, 1), ("GET", "/x", 500, 1), ("GET", "/x", 599, 1)]
    call(learner.summarise, requests).returns({"GET /x": {"count": 4, "errors": 2, "slowest_ms": 1}})


def test_summarise_empty_one_and_duplicates(learner):
    """No requests give {}; one gives one entry; identical requests are each counted."""
    call(learner.summarise, []).returns({})
    call(learner.summarise, [("PUT", "/a", 200, 0)]).returns(
        {"PUT /a": {"count": 1, "errors": 0, "slowest_ms": 0}}
    )
    same = [("GET", "/a", 200, 9)] * 3
    call(learner.summarise, same).returns({"GET /a": {"count": 3, "errors": 0, "slowest_ms": 9}})


def test_same_path_different_methods_are_separate(learner):
    """GET /tasks and POST /tasks are different endpoints."""
    call(learner.summarise, [("GET", "/t", 200, 5), ("POST", "/t", 200, 6)]).returns(
        {
            "GET /t": {"count": 1, "errors": 0, "slowest_ms": 5},
            "POST /t": {"count": 1, "errors": 0, "slowest_ms": 6},
        }
    )


@pytest.mark.points(2)
def test_format_orders_busiest_first(learner):
    """format_summary writes the busiest endpoint first, ties by name."""
    summary = {
        "POST /tasks": {"count": 1, "errors": 0, "slowest_ms": 80},
        "GET /tasks": {"count": 2, "errors": 1, "slowest_ms": 120},
        "DELETE /tasks/1": {"count": 1, "errors": 2, "slowest_ms": 9},
    }
    call(learner.format_summary, summary).returns(
        [
            "GET /tasks: 2 requests, 1 error, slowest 120ms",
            "DELETE /tasks/1: 1 request, 2 errors, slowest 9ms",
            "POST /tasks: 1 request, 0 errors, slowest 80ms",
        ]
    )


def test_format_empty(learner):
    """An empty summary gives no lines."""
    call(learner.format_summary, {}).returns([])


@pytest.mark.points(2)
def test_report_runs_the_whole_pipeline(learner):
    """report skips blank lines and comments, then summarises and formats."""
    log = "# morning\nGET /tasks 200 35ms\n\nGET /tasks 503 120ms\n  # noon\nPOST /tasks 201 80ms\n"
    call(learner.report, log).returns(
        ["GET /tasks: 2 requests, 1 error, slowest 120ms", "POST /tasks: 1 request, 0 errors, slowest 80ms"]
    )
    call(learner.report, "").returns([])


@pytest.mark.points(2)
def test_report_names_the_bad_line(learner):
    """A bad line makes report raise ValueError starting with its line number (blank lines counted)."""
    call(learner.report, "# morning\nGET /tasks 200 35ms\n\nFETCH /tasks 200 5ms").raises(
        ValueError, match="line 4: unknown method 'FETCH'"
    )
    call(learner.report, "GET /a 700 1ms").raises(ValueError, match="line 1: status must be")


def test_report_on_a_large_log(learner):
    """A log of 5000 lines over 50 endpoints is summarised exactly."""
    lines = [f"GET /items/{i % 50} {200 if i % 7 else 502} {i % 300}ms" for i in range(5000)]
    expected = []
    for n in sorted(range(50), key=lambda n: f"GET /items/{n}"):
        rows = [i for i in range(5000) if i % 50 == n]
        errors = sum(1 for i in rows if i % 7 == 0)
        expected.append(
            f"GET /items/{n}: {len(rows)} requests, {errors} error{'' if errors == 1 else 's'}, "
            f"slowest {max(i % 300 for i in rows)}ms"
        )
    call(learner.report, "\n".join(lines)).returns(expected)
