"""The published site measured against GitHub Pages' limits.

Renderer-independent: it reads a built ``site/`` directory, whichever
renderer wrote it.  The MkDocs plugin calls it after a build; other
renderers (and CI) run ``python -m generator site-size site/``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# GitHub Pages: "Published GitHub Pages sites may be no larger than 1 GB."
PAGES_MAX_BYTES = 1_000_000_000
# Warn before the limit is reached: room for about a fifth more documents.
WARN_SHARE = 0.8
# GitHub states no file-count limit, but deployments time out after 10 minutes
# and the upload is a tar of every file; past this many files the archive
# warns so that the next deploy is watched (a caution of ours, not GitHub's).
WARN_FILES = 100_000

SEARCH_DIR = "search"            # the search page and its index shards
CORPUS_FILE = "data/corpus.jsonl"  # one line per published document


@dataclass(frozen=True)
class SiteSize:
    total_bytes: int
    files: int
    search_bytes: int
    documents: int

    @property
    def bytes_per_document(self) -> float:
        return self.total_bytes / self.documents if self.documents else 0.0

    @property
    def documents_that_fit(self) -> int:
        """How many documents of today's average size fit in Pages' 1 GB."""
        per = self.bytes_per_document
        return int(PAGES_MAX_BYTES // per) if per else 0


def measure(site_dir: Path) -> SiteSize:
    total = files = search_bytes = 0
    for root, _dirs, names in os.walk(site_dir):
        in_search = Path(root).relative_to(site_dir).parts[:1] == (SEARCH_DIR,)
        for name in names:
            size = (Path(root) / name).stat().st_size
            total += size
            files += 1
            if in_search:
                search_bytes += size
    corpus = site_dir / CORPUS_FILE
    documents = sum(1 for line in corpus.open(encoding="utf-8") if line.strip()) if corpus.is_file() else 0
    return SiteSize(total, files, search_bytes, documents)


def _mb(n: float) -> str:
    return f"{n / 1_000_000:.1f} MB"


def summary(size: SiteSize) -> str:
    share = size.search_bytes / size.total_bytes if size.total_bytes else 0.0
    line = (f"site: {_mb(size.total_bytes)} in {size.files} file(s), "
            f"{size.total_bytes / PAGES_MAX_BYTES:.1%} of GitHub Pages' 1 GB; search index {share:.0%}")
    if size.documents:
        line += (f"; {size.bytes_per_document / 1000:.1f} KB per document "
                 f"({size.documents} documents; about {size.documents_that_fit} fit in 1 GB)")
    return line


def warnings(size: SiteSize) -> list[str]:
    out = []
    if size.total_bytes > PAGES_MAX_BYTES:
        out.append(f"site is {_mb(size.total_bytes)}, over GitHub Pages' 1 GB limit: the deploy will fail")
    elif size.total_bytes > WARN_SHARE * PAGES_MAX_BYTES:
        out.append(f"site is {_mb(size.total_bytes)}, {size.total_bytes / PAGES_MAX_BYTES:.0%} of "
                   f"GitHub Pages' 1 GB limit")
    if size.files > WARN_FILES:
        out.append(f"site has {size.files} files (over {WARN_FILES}); watch the deploy's 10-minute limit")
    return out
