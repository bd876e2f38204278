"""A Python reader of the search index: the exact-mode algorithm of
``overrides/assets/javascripts/search-engine.js``, for tests and debugging
(``python -c "from generator.search.query import Index; ..."``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Mapping

from . import shards as sh
from .build import PREFIX
from .fold import fold
from .tokens import query_parts


class Index:
    def __init__(self, read: Callable[[str], bytes]):
        """``read(path)`` returns a file below ``search/index/``."""
        self._read = read
        self._cache: dict[str, dict] = {}
        self.meta = self.json("meta.json")
        self.tlen = sh.read_varints(sh.unb64(self.json("facets.json")["tlen"]))

    @classmethod
    def from_files(cls, files: Mapping[str, bytes] | list) -> "Index":
        if isinstance(files, list):
            files = {f.path: f.content for f in files}
        return cls(lambda rel: files[PREFIX + rel])

    @classmethod
    def from_dir(cls, index_dir: Path) -> "Index":
        return cls(lambda rel: (index_dir / rel).read_bytes())

    def json(self, rel: str):
        if rel not in self._cache:
            self._cache[rel] = json.loads(self._read(rel))
        return self._cache[rel]

    def lookup(self, kind: str, key: str) -> str | None:
        shard = self.json(f"{kind}/{sh.shard_of(key, self.meta['shards'][kind])}.json")
        return shard.get(key)

    def exact_part(self, part: str) -> dict[int, tuple[int, bool]]:
        """``{ord: (occurrences, in_title)}`` of documents containing ``part``
        (already folded)."""
        L = len(part)
        grams = self.meta["grams"]
        if L <= 2 or (L <= grams["max"] and sh.bloom_has(grams["long"], part)):
            entry = self.lookup("g", part)
            if entry is not None:
                return sh.decode_doc_postings(entry)
            if L <= 2:
                return {}
        offsets = list(range(0, L - 2, 3))
        if offsets[-1] != L - 3:
            offsets.append(L - 3)
        lists = []
        for o in offsets:
            entry = self.lookup("p", part[o:o + 3])
            if entry is None:
                return {}
            lists.append(sh.decode_positions(entry))
        out: dict[int, tuple[int, bool]] = {}
        for ord_, first in lists[0].items():
            others = []
            for o, positions in zip(offsets[1:], lists[1:]):
                if ord_ not in positions:
                    break
                others.append((o, set(positions[ord_])))
            else:
                starts = [s for s in first if all(s + o in pos for o, pos in others)]
                if starts:
                    out[ord_] = (len(starts), any(s + L <= self.tlen[ord_] for s in starts))
        return out

    def query_index(self, terms: list[str]) -> dict | None:
        """The serialised lunr index of the indexed ones among ``terms``
        (folded, lower case), as the browser builds it for lunr.js; None if
        none is indexed."""
        fields = self.meta["words"]["fields"]
        postings = {}
        for term in terms:
            entry = self.lookup("w", term)
            if entry is not None:
                postings[term] = sh.decode_words(entry, len(fields))
        return sh.lunr_query_index(postings, fields, self.meta["words"]["lunr"]) if postings else None

    def exact(self, query: str) -> set[int]:
        """Ordinals of documents containing every part of ``query``."""
        parts = query_parts(fold(query))
        if not parts:
            return set()
        result: set[int] | None = None
        for part in parts:
            docs = set(self.exact_part(part))
            result = docs if result is None else result & docs
        return result or set()
