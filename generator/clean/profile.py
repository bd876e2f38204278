"""Corpus statistics the cleaner consults.

Without metadata, documents are grouped by source through the template lines
they share: two documents that share two short non-sentence lines (or one
long one) come from the same site.  Within a group, a short non-sentence line
found in several documents is template chrome.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Sequence

from ..models import RawDocument
from .rules import rules
from .text import SENTENCE_END, is_han, raw_lines, strip_ws
from . import watermark

_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class CorpusProfile:
    """Statistics over all raw documents (empty = no corpus knowledge)."""

    repeated_lines: frozenset[str] = frozenset()  # keys (see line_key) of template lines
    source_groups: tuple[tuple[str, ...], ...] = ()  # doc ids grouped by shared template lines
    site_tokens: frozenset[str] = frozenset()  # injected site names seen across the corpus
    bigrams: frozenset[str] = frozenset()  # Han bigrams frequent in the corpus


def line_key(text: str) -> str:
    """Comparable form of a line: no whitespace, numbers collapsed (counters
    and dates differ between pages of one template)."""
    return _DIGITS.sub("0", strip_ws(text))


def is_template_candidate(text: str) -> bool:
    key = strip_ws(text)
    r = rules()
    if not key or len(key) > r.repeated_max_len:
        return False
    if any(c in key for c in SENTENCE_END) or key[-1] in "，,；;":
        return False
    # Structure that legitimately repeats across speeches is not chrome.
    if r.salutation.match(key) or any(h.pattern.match(key) for h in r.headings) or r.attribution.match(key):
        return False
    return True


def profile_corpus(raws: Sequence[RawDocument]) -> CorpusProfile:
    r = rules()
    keys_of: dict[str, set[str]] = {}
    for raw in raws:
        keys_of[raw.doc_id] = {line_key(s.text) for s in raw_lines(raw.text) if is_template_candidate(s.text)}
    df = Counter(k for ks in keys_of.values() for k in ks)

    # Union-find over documents linked by shared template lines.
    parent = {d: d for d in keys_of}

    def find(d: str) -> str:
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    # Two documents are linked when they share a template line of 8 or more
    # characters, or two of 2 or more.  Found through the documents of each
    # shared line (not by comparing every pair: 10,000 documents are 50
    # million pairs), with the same groups as a whole pairwise comparison.
    ids = sorted(keys_of)
    docs_of: dict[str, list[str]] = defaultdict(list)
    for d in ids:
        for k in keys_of[d]:
            if len(k) >= 2 and df[k] >= 2:
                docs_of[k].append(d)
    shared_keys = sorted(docs_of, key=lambda k: (-len(k), k))
    for k in shared_keys:
        if len(k) >= 8:
            first = find(docs_of[k][0])
            for d in docs_of[k][1:]:
                parent[find(d)] = first
    pairs: Counter = Counter()
    for k in shared_keys:
        if len(k) >= 8:
            continue
        docs = docs_of[k]
        if len({find(d) for d in docs}) == 1:
            continue  # already one group: no pair of them can add a link
        for i, a in enumerate(docs):
            for b in docs[i + 1:]:
                if find(a) == find(b):
                    continue
                pairs[a, b] += 1
                if pairs[a, b] >= 2:
                    parent[find(a)] = find(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for d in ids:
        groups[find(d)].append(d)
    repeated: set[str] = set()
    for members in groups.values():
        if len(members) < r.repeated_min_docs:
            continue
        count = Counter(k for d in members for k in keys_of[d])
        repeated.update(k for k, n in count.items() if n >= r.repeated_min_docs and df[k] >= r.repeated_min_docs)

    # Han bigrams that occur in at least two documents: evidence that a pair
    # of characters is a real collocation (for watermark detection).
    bigram_df: Counter = Counter()
    for raw in raws:
        t = raw.text
        bigram_df.update({t[i:i + 2] for i in range(len(t) - 1) if is_han(t[i]) and is_han(t[i + 1])})
    bigrams = frozenset(b for b, n in bigram_df.items() if n >= 2)

    hits: Counter = Counter()
    for raw in raws:
        hits.update(watermark.breaking_hits(raw.text, r, bigrams))
    site_tokens = frozenset(t for t, n in hits.items() if n >= int(r.wm["min_hits"]))

    return CorpusProfile(
        repeated_lines=frozenset(repeated),
        source_groups=tuple(tuple(m) for m in sorted(groups.values()) if len(m) > 1),
        site_tokens=site_tokens,
        bigrams=bigrams,
    )
