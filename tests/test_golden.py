"""Golden pages: the five seeds' generated Markdown and each one's built HTML
page, kept in ``tests/golden/`` and compared byte for byte (as Pelican's
functional tests do), so every change to what a reader gets is seen in
review.  After an intended change, regenerate them with::

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py

and read the diff before committing it.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def _pages(seed_site) -> dict[str, Path]:
    """golden file name -> built file, for every seed: Markdown and HTML."""
    out: dict[str, Path] = {}
    for md in sorted((seed_site.docs / "archive").glob("*/*.md")):
        if md.name == "index.md":
            continue
        out[md.name] = md
        out[md.stem + ".html"] = seed_site.site / "archive" / md.parent.name / md.stem / "index.html"
    return out


def _compare(name: str, built: Path) -> None:
    golden = GOLDEN / name
    got = built.read_bytes()
    if UPDATE:
        golden.write_bytes(got)
        return
    assert golden.exists(), f"no golden file {name}; run with UPDATE_GOLDEN=1 and review it"
    want = golden.read_bytes()
    if got != want:
        diff = difflib.unified_diff(want.decode().splitlines(), got.decode().splitlines(),
                                    f"golden/{name}", f"built/{name}", lineterm="", n=1)
        pytest.fail(f"{name} differs from its golden copy:\n" + "\n".join(list(diff)[:80]))


@pytest.mark.slow
def test_every_seed_has_golden_pages(seed_site):
    built = set(_pages(seed_site))
    assert len(built) == 10  # five seeds, Markdown and HTML each
    if not UPDATE:
        kept = {p.name for p in GOLDEN.iterdir() if p.suffix in (".md", ".html")}
        assert kept == built, f"golden files without a seed page: {kept - built}; pages without golden: {built - kept}"


@pytest.mark.slow
def test_generated_markdown_matches_golden(seed_site):
    for name, built in _pages(seed_site).items():
        if name.endswith(".md"):
            _compare(name, built)


@pytest.mark.slow
def test_built_html_matches_golden(seed_site):
    for name, built in _pages(seed_site).items():
        if name.endswith(".html"):
            _compare(name, built)
