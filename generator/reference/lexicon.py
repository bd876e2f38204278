"""The archive's domain vocabulary for jieba, shared by every stage that
segments text (metadata extraction and the search index), so both cut
产业集聚区 the same way.  Data: ``data/domain_userdict.txt``."""

from __future__ import annotations

from functools import lru_cache
from .loader import REFERENCE_DATA

USERDICT = REFERENCE_DATA / "domain_userdict.txt"


@lru_cache(maxsize=1)
def domain_words() -> tuple[tuple[str, int | None, str | None], ...]:
    """(word, frequency, POS tag) entries, in file order."""
    entries = []
    for line in USERDICT.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        freq = int(parts[1]) if len(parts) > 1 else None
        entries.append((parts[0], freq, parts[2] if len(parts) > 2 else None))
    return tuple(entries)
