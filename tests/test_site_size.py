"""The published site measured against GitHub Pages' limits (any renderer's site/)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ENV, ROOT

from generator import site_size
from generator.site_size import PAGES_MAX_BYTES, WARN_FILES, SiteSize


def make_site(root, sizes: dict[str, int], documents: int):
    for rel, n in sizes.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * n)
    corpus = root / "data" / "corpus.jsonl"
    corpus.parent.mkdir(parents=True, exist_ok=True)
    corpus.write_text("".join("{}\n" for _ in range(documents)), encoding="utf-8")
    return root


def test_measure_counts_bytes_files_search_share_and_documents(tmp_path):
    site = make_site(tmp_path, {"index.html": 1000, "search/index/0.json": 3000, "archive/a/index.html": 2000,
                                "searchable/x.html": 500}, documents=2)
    size = site_size.measure(site)
    corpus_bytes = len("{}\n") * 2
    assert size == SiteSize(total_bytes=6500 + corpus_bytes, files=5, search_bytes=3000, documents=2)
    assert size.bytes_per_document == (6500 + corpus_bytes) / 2
    assert size.documents_that_fit == PAGES_MAX_BYTES // ((6500 + corpus_bytes) / 2)


def test_warnings_before_and_at_the_limit():
    assert site_size.warnings(SiteSize(700_000_000, 50_000, 0, 10_000)) == []
    near = site_size.warnings(SiteSize(850_000_000, 50_000, 0, 10_000))
    assert len(near) == 1 and "85%" in near[0]
    over = site_size.warnings(SiteSize(1_200_000_000, 50_000, 0, 10_000))
    assert "over GitHub Pages' 1 GB limit" in over[0]
    many = site_size.warnings(SiteSize(1_000, WARN_FILES + 1, 0, 1))
    assert "files" in many[0]


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "generator", "site-size", *map(str, args)], cwd=ROOT,
                          env=env or ENV, capture_output=True, text=True, timeout=120)


def test_cli_reports_size_and_annotates_in_github_actions(tmp_path):
    site = make_site(tmp_path / "site", {"index.html": 2_000_000}, documents=4)
    plain = run(site)
    assert plain.returncode == 0, plain.stdout + plain.stderr
    assert "2.0 MB in 2 file(s)" in plain.stdout and "500.0 KB per document" in plain.stdout
    assert "about 1999 fit in 1 GB" in plain.stdout


def test_cli_fails_over_the_limit_with_an_annotation(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    big = site / "big.bin"
    with big.open("wb") as f:  # sparse: 1.1 GB apparent size, no disk used
        f.truncate(1_100_000_000)
    result = run(site, env={**ENV, "GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert "::warning title=GitHub Pages::site is 1100.0 MB, over GitHub Pages' 1 GB limit" in result.stdout


def test_cli_names_a_missing_site(tmp_path):
    result = run(tmp_path / "nothing")
    assert result.returncode == 2 and "does not exist" in result.stdout and "Traceback" not in result.stderr
