"""The documentation site (mkdocs.yml, docs/): it builds strictly, and renders in headless Chromium.

The site is built once into a temporary folder, never into the repository. Strict mode is
checked both ways: the real site builds, and a copy with a broken link, a missing anchor and
a page left out of the nav does not.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
GUIDES = ("Learner guide", "Instructor guide", "Authoring guide", "How grading works")
# Pages other engineers and older links rely on: they stay where they are.
KEPT = ("architecture.md", "gradescope.md", "lms-import.md", "scaling.md")

pytest.importorskip("mkdocs", reason="mkdocs is not installed (the `docs` extra: pip install -e '.[docs]')")
pytest.importorskip("material", reason="mkdocs-material is not installed (the `docs` extra)")


def build(config: Path, site: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config)]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [*command, "--site-dir", str(site)], capture_output=True, text=True, timeout=300, env=env
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    built = build(ROOT / "mkdocs.yml", folder)
    assert built.returncode == 0, built.stderr[-3000:]
    return folder


def test_the_site_builds_strictly_with_the_kept_pages(site: Path) -> None:
    for page in KEPT:
        assert (site / page.replace(".md", ".html")).is_file(), page
    assert (site / "index.html").is_file()
    assert (site / "learner" / "getting-started.html").is_file()


def test_strict_mode_refuses_a_broken_link_a_missing_anchor_and_an_unlisted_page(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(ROOT / "docs", copy / "docs")
    shutil.copy(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    (copy / "docs" / "stray.md").write_text("# Left out of the nav\n", encoding="utf-8")
    with (copy / "docs" / "learner" / "jupyter.md").open("a", encoding="utf-8") as page:
        page.write("\n[gone](no-such-page.md) and [nowhere](commands.md#no-such-heading)\n")
    built = build(copy / "mkdocs.yml", tmp_path / "out")
    assert built.returncode != 0
    assert "stray.md" in built.stderr and 'not included in the "nav"' in built.stderr
    assert "'no-such-page.md'" in built.stderr and "is not found" in built.stderr
    assert "does not contain an anchor '#no-such-heading'" in built.stderr


def dump_dom(page: Path, profile: Path) -> str:
    """The page's DOM after it loaded in headless Chromium."""
    assert CHROMIUM is not None
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    flags += ["--disable-component-update", "--disable-sync", "--no-first-run"]
    # Chromium's singleton socket path must be short: its TMPDIR cannot live under tmp_path.
    with tempfile.TemporaryDirectory(dir="/tmp", prefix="chr-") as short:
        env = {**os.environ, "TMPDIR": short, "HOME": short}
        command = [CHROMIUM, *flags, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    assert "</html>" in done.stdout, done.stderr[-2000:]
    return done.stdout


def local_targets(dom: str, page: Path, site: Path) -> list[Path]:
    """The built files the page's relative links point to (external links and bare anchors left out)."""
    targets = []
    for href in re.findall(r'href="([^"]+)"', dom):
        parts = urlsplit(href)
        if parts.scheme in ("http", "https", "mailto", "data") or not parts.path:
            continue
        target = (page.parent / unquote(parts.path)).resolve()
        if target.is_relative_to(site.resolve()) and target.suffix == ".html":
            targets.append(target)
    return targets


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_a_page_renders_in_headless_chromium_with_the_guides_and_working_links(
    site: Path, tmp_path: Path
) -> None:
    page = site / "learner" / "getting-started.html"
    dom = dump_dom(page, tmp_path / "profile")
    title = re.search(r"<title>(.*?)</title>", dom, re.S)
    assert title is not None and title.group(1).strip() == "Getting started - Backend Path"
    nav = dom[dom.index('class="md-nav md-nav--primary"') :]
    for guide in GUIDES:
        assert re.search(rf">\s*{re.escape(guide)}\s*<", nav), f"the nav does not list {guide!r}"
    assert 'python3 -m venv .venv &amp;&amp; .venv/bin/pip install -q -e ".[all]"' in dom
    targets = local_targets(dom, page, site)
    assert site.resolve() / "learner" / "commands.html" in targets  # "Where to go next" links to it
    missing = sorted({str(t.relative_to(site.resolve())) for t in targets if not t.is_file()})
    assert not missing, f"links from {page.name} to pages that were not built: {missing}"
    assert len(set(targets)) >= 15  # the nav reaches every page of the site
