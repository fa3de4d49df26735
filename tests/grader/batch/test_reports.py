"""The batch's outputs: tables, exports, reports, the class report in headless Chromium."""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import tempfile
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest

import grader.boundary.sandbox
from tests.grader.batch.helpers import (
    CORRECT_DOUBLED,
    WRONG_DOUBLED,
    grade,
    gradebook_rows,
    needs_sandbox,
    write_learner,
)
from tests.helpers import LEAP_YEAR


def small_class(root: Path) -> Path:
    write_learner(root, "ada", {"doubled.py": CORRECT_DOUBLED, "leap_year.py": LEAP_YEAR})
    write_learner(root, "ben", {"doubled.py": WRONG_DOUBLED, "leap_year.py": LEAP_YEAR})
    write_learner(root, "cy", {"notes.txt": "I could not do it"})
    (root / "dee.zip").write_bytes(b"PK broken")
    return root


@pytest.fixture
def graded(course_dir: Path, tmp_path: Path) -> Path:
    needs_sandbox()
    out = tmp_path / "out"
    result = grade(course_dir, small_class(tmp_path / "subs"), out, "--module", "basics", "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert "Found 4 learners (1 archive, 3 folders)." in result.output
    return out


def test_gradebook_csv_summary_gradescope_and_junit(graded: Path) -> None:
    rows = gradebook_rows(graded)
    assert {k: (r["leap-year"], r["doubled"], r["percent"], r["status"]) for k, r in rows.items()} == {
        "ada": ("10", "4", "100", "graded"),
        "ben": ("10", "0", "71.4", "graded"),
        "cy": ("0", "0", "0", "not graded"),
        "dee": ("0", "0", "0", "not graded"),
    }
    summary = json.loads((graded / "summary.json").read_text("utf-8"))
    assert [lr["learner"] for lr in summary["learners"]] == ["ada", "ben", "cy", "dee"]
    gradescope = json.loads((graded / "learners/ben/results.json").read_text("utf-8"))
    assert gradescope["score"] == 10 and len(gradescope["tests"]) == 7
    suites = ET.parse(graded / "junit.xml").getroot()
    assert suites.find("testsuite[@name='ben.doubled']").get("failures") == "3"  # type: ignore[union-attr]
    report = (graded / "learners/cy/report.md").read_text("utf-8")
    assert "Missing file: leap_year.py. The submission holds: notes.txt." in report


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("headless Chromium is not installed")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    flags += ["--disable-component-update", "--disable-sync", "--no-first-run"]
    # Chromium's singleton socket path must be short: its TMPDIR cannot live under tmp_path.
    with tempfile.TemporaryDirectory(dir="/tmp", prefix="chr-") as short:
        env = {**os.environ, "TMPDIR": short, "HOME": short}
        return subprocess.run([browser, *flags, *args], capture_output=True, text=True, timeout=120, env=env)


def png_size_and_colours(data: bytes) -> tuple[int, int, int]:
    """A PNG's width, height and how many distinct pixels its first rows hold (8-bit RGB or RGBA)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert depth == 8 and colour in (2, 6), (depth, colour)
    chunks, at = [], 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        if kind == b"IDAT":
            chunks.append(data[at + 8 : at + 8 + length])
        at += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    size = 3 if colour == 2 else 4
    stride, previous, seen = width * size, bytearray(width * size), set()
    for row in range(min(height, 400)):
        kind, line = (
            raw[row * (stride + 1)],
            bytearray(raw[row * (stride + 1) + 1 : (row + 1) * (stride + 1)]),
        )
        for i in range(stride):
            left = line[i - size] if i >= size else 0
            up, corner = previous[i], previous[i - size] if i >= size else 0
            guess = left + up - corner
            paeth = min(
                (abs(guess - left), 0, left), (abs(guess - up), 1, up), (abs(guess - corner), 2, corner)
            )
            line[i] = (line[i] + (0, left, up, (left + up) // 2, paeth[2])[kind]) & 0xFF
        seen.update(bytes(line[i : i + size]) for i in range(0, stride, size))
        previous = line
    return width, height, len(seen)


SORT_PROBE = """
<script>
// After the report's own script: sort by total (one click, ascending) and write the learners' order.
var total = Array.prototype.find.call(document.querySelectorAll("#learners th"), function (h) {
  return h.textContent.trim() === "total";
});
total.click();
var probe = document.createElement("pre");
probe.id = "probe";
probe.textContent = Array.prototype.map.call(document.querySelectorAll("#learners tbody tr"), function (r) {
  return r.cells[0].textContent;
}).join(",");
document.body.appendChild(probe);
</script>
"""


def test_class_report_renders_in_headless_chromium(graded: Path, tmp_path: Path) -> None:
    page = (graded / "class-report.html").as_uri()
    profile = f"--user-data-dir={tmp_path / 'profile'}"
    shot = tmp_path / "report.png"
    run = chromium(profile, f"--screenshot={shot}", "--window-size=1200,1400", page)
    assert shot.exists(), run.stderr[-2000:]
    width, height, colours = png_size_and_colours(shot.read_bytes())
    assert (width, height) == (1200, 1400)
    assert colours >= 8  # text, links, bars and background: not a blank page
    dom = chromium(profile, "--dump-dom", page).stdout
    # The learners table, its script run (headers made sortable), each learner linked to a report on disk.
    assert '<table id="learners" class="sortable">' in dom and 'class=" sort" tabindex="0"' in dom
    links = re.findall(r'<a href="(learners/[^"]+)">([^<]+)</a>', dom)
    assert sorted({name for _, name in links}) == ["ada", "ben", "cy", "dee"]
    assert all((graded / href).is_file() for href, _ in links)
    # The distributions: pass rates (of the learners graded on each), totals, and per exercise.
    assert '<svg id="pass-rates"' in dom and '<svg id="distribution"' in dom
    assert ">100% of 2</text>" in dom and ">50% of 2</text>" in dom  # leap-year: ada, ben; doubled: ada
    assert 'data-label="leap-year"' in dom and 'width="520.0"' in dom and 'width="260.0"' in dom
    assert '<section data-exercise="leap-year">' in dom and '<section data-exercise="doubled">' in dom
    assert "<p>2 graded, 2 not graded</p>" in dom
    assert "doubled: doubled([1, 2, 3]) is [2, 4, 6]. <strong>(1 learner)</strong>" in dom
    # Work not graded, with why; when the batch ran and how long it took.
    assert '<table id="not-graded">' in dom and "dee.zip could not be opened as an archive" in dom
    assert re.search(
        r'<p id="batch-time">Graded on <time datetime="[^"]+">[^<]+ UTC</time>; the batch took', dom
    )
    assert dom.count("<script") == 1
    # Sorting by a header's click: ascending total puts the two zeros first, in the table's order.
    probed = tmp_path / "probed.html"
    probed.write_text(
        (graded / "class-report.html").read_text("utf-8").replace("</body>", SORT_PROBE + "</body>")
    )
    sorted_dom = chromium(profile, "--dump-dom", probed.as_uri()).stdout
    assert '<pre id="probe">cy,dee,ben,ada</pre>' in sorted_dom


def test_grade_refuses_without_a_sandbox_unless_told(
    course_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(grader.boundary.sandbox.shutil, "which", lambda name: None)
    subs = tmp_path / "subs"
    write_learner(subs, "ada", {"doubled.py": CORRECT_DOUBLED})
    refused = grade(course_dir, subs, tmp_path / "out", "--exercise", "doubled")
    assert refused.exit_code == 2
    assert "bubblewrap (bwrap) is not installed" in refused.output
    assert "--unsafe-no-sandbox" in refused.output
    unsafe = grade(course_dir, subs, tmp_path / "out", "--exercise", "doubled", "--unsafe-no-sandbox")
    assert unsafe.exit_code == 0, unsafe.output
    assert "WITHOUT a sandbox" in unsafe.output
    assert gradebook_rows(tmp_path / "out")["ada"]["doubled"] == "4"


ENDLESS_DOUBLED = "def doubled(numbers):\n    while True:\n        pass\n"


def test_a_timeout_is_graded_and_progress_agrees_with_summary(course_dir: Path, tmp_path: Path) -> None:
    needs_sandbox()
    subs = tmp_path / "subs"
    write_learner(subs, "ada", {"doubled.py": CORRECT_DOUBLED})
    write_learner(subs, "carol", {"doubled.py": ENDLESS_DOUBLED})
    (subs / "dee.zip").write_bytes(b"PK broken")
    out = tmp_path / "out"
    result = grade(course_dir, subs, out, "--exercise", "doubled", "--jobs", "1")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    progress = [line for line in lines if line.startswith("[")]
    assert len(progress) == 2, result.output
    assert "carol done, every exercise graded; 1 learner with work not graded so far" in result.output
    assert progress[-1].split("; ")[1] == "1 learner with work not graded so far"
    assert "Done: 3 learners in the gradebook, 1 with work not graded (the class report says why)." in lines
    assert "Found 3 learners (1 archive, 2 folders)." in lines
    assert "Grading 1 exercise with 1 job, in the bubblewrap sandbox." in lines
    rows = gradebook_rows(out)
    assert {k: (r["doubled"], r["status"]) for k, r in rows.items()} == {
        "ada": ("4", "graded"),
        "carol": ("0", "graded"),
        "dee": ("0", "not graded"),
    }
