"""Same text from several outlets (同文异源): near-duplicate documents grouped.

A repost, a traditional-character copy or the same speech on two sites
becomes one group; each document keeps its own page and metadata, and
carries the group's id (``repost_group``: the id of the group's earliest
document).  Candidates come from MinHash LSH over character shingles
(datasketch); each candidate pair is then verified exactly by the share of
the shorter text's shingles found in the longer one.  Groups are the
connected components of verified pairs, so the result depends only on the
documents, not on their order.  Thresholds and their reasons:
``reposts.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import yaml

from ..models import Document
from ..reference.hanzi import t2s

_RULES = Path(__file__).with_name("reposts.yaml")
_NOT_TEXT = re.compile(r"[^\u3400-\u9fff0-9A-Za-z]+")


@dataclass(frozen=True)
class Settings:
    shingle_chars: int
    num_perm: int
    seed: int
    candidate_jaccard: float
    min_containment: float
    min_shingles: int


@lru_cache(maxsize=1)
def settings() -> Settings:
    return Settings(**yaml.safe_load(_RULES.read_text(encoding="utf-8")))


def shingles(text: str, k: int | None = None) -> frozenset[str]:
    k = k or settings().shingle_chars
    flat = _NOT_TEXT.sub("", t2s(text))
    return frozenset(flat[i:i + k] for i in range(len(flat) - k + 1))


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set's shingles found in the larger one."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small) if small else 0.0


def _minhash(s: frozenset[str], cfg: Settings):
    from datasketch import MinHash  # late: numpy and scipy cost a second to import, needed only here

    m = MinHash(num_perm=cfg.num_perm, seed=cfg.seed)
    m.update_batch([x.encode("utf-8") for x in sorted(s)])
    return m


def body_text(doc: Document) -> str:
    return "\n".join(b.text for b in doc.cleaned.blocks)


def groups(texts: dict[str, str]) -> list[tuple[str, ...]]:
    """Groups (sorted ids, two or more) of the texts that are one text."""
    cfg = settings()
    sets = {i: shingles(t, cfg.shingle_chars) for i, t in sorted(texts.items())}
    sets = {i: s for i, s in sets.items() if len(s) >= cfg.min_shingles}
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=cfg.candidate_jaccard, num_perm=cfg.num_perm)
    hashes = {i: _minhash(s, cfg) for i, s in sets.items()}
    for i, m in hashes.items():
        lsh.insert(i, m)
    parent = {i: i for i in sets}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, m in hashes.items():
        for j in sorted(lsh.query(m)):
            if j <= i or root(i) == root(j):
                continue
            if containment(sets[i], sets[j]) >= cfg.min_containment:
                a, b = sorted((root(i), root(j)))
                parent[b] = a
    members: dict[str, list[str]] = {}
    for i in sets:
        members.setdefault(root(i), []).append(i)
    return sorted(tuple(sorted(m)) for m in members.values() if len(m) > 1)


def _order(doc: Document) -> tuple:
    # the earliest dated copy first; undated ones after, then by id
    return (doc.meta.date is None, doc.meta.date or "", doc.meta.id)


def assign(documents: Sequence[Document]) -> list[Document]:
    """``documents`` with ``repost_group`` set on every member of a group
    (the id of its earliest document) and cleared on the others."""
    by_id = {d.meta.id: d for d in documents}
    group_of: dict[str, str] = {}
    for ids in groups({d.meta.id: body_text(d) for d in documents}):
        first = min((by_id[i] for i in ids), key=_order).meta.id
        for i in ids:
            group_of[i] = first
    out = []
    for d in documents:
        g = group_of.get(d.meta.id)
        out.append(d if d.meta.repost_group == g else replace(d, meta=replace(d.meta, repost_group=g)))
    return out


def members(documents: Sequence[Document]) -> dict[str, list[Document]]:
    """Group id -> its documents, earliest first."""
    out: dict[str, list[Document]] = {}
    for d in documents:
        if d.meta.repost_group:
            out.setdefault(d.meta.repost_group, []).append(d)
    return {g: sorted(ds, key=_order) for g, ds in sorted(out.items())}


def exact_duplicates(digests: dict[str, str]) -> list[tuple[str, str]]:
    """(kept, duplicate) file-name pairs of files with the same bytes (sha256),
    the first by name kept."""
    first: dict[str, str] = {}
    out = []
    for name, digest in sorted(digests.items()):
        if digest in first:
            out.append((first[digest], name))
        else:
            first[digest] = name
    return out


