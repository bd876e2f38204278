"""A Python reader of the search index: the algorithms of the browser's engine
(``generator/search/engine/``: exact mode, exact.js; fuzzy
mode's segmentation, document selection and lunr ranking, fuzzy.js, with
lunr.py), for tests and debugging (``python -c "from generator.search.query import Index; ..."``)."""

from __future__ import annotations

import json
from itertools import accumulate
from pathlib import Path
from typing import Callable, Mapping

from . import shards as sh
from .build import PREFIX
from .named_fields import PINYIN_RE, pinyin_match
from .fold import fold
from .tokens import query_parts


def query_word_count(segs: list[list[str]], indexed: Callable[[str], bool]) -> int:
    """How many words a fuzzy query has, for "a majority of them": each
    indexed term once, and each run of adjacent characters the index does not
    know (``Index.segment`` leaves them one term per character) once - the
    reader typed one word there, not one per character."""
    words: set[str] = set()
    for seg in segs:
        run = ""
        for term in seg + [None]:
            if term is not None and not indexed(term):
                run += term
                continue
            if run:
                words.add("\n" + run)  # "\n": never in a term
            run = ""
            if term is not None:
                words.add(term)
    return len(words)


def _distinct_terms(segs: list[list[str]]) -> list[str]:
    """The terms of a segmented query, each once, in order."""
    return list(dict.fromkeys(t for seg in segs for t in seg))


class Index:
    def __init__(self, read: Callable[[str], bytes]):
        """``read(path)`` returns a file below ``search/index/``."""
        self._read = read
        self._cache: dict[str, dict] = {}
        self.meta = self.json("meta.json")
        facets = self.json("facets.json")
        self.tlen = sh.decode_varints(facets["tlen"])
        # year labels sort with "" (no date) first: a larger value is newer
        self.year_rank = sh.decode_varints(facets["year"]["values"])

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

    def shard(self, kind: str, key: str) -> dict[str, str]:
        route = sh.word_route(key) if kind == "w" else key
        return self.json(f"{kind}/{sh.shard_of(route, self.meta['shards'][kind])}.json")

    def lookup(self, kind: str, key: str) -> str | None:
        return self.shard(kind, key).get(key)

    def pinyin(self, part: str) -> list[tuple[str, str, set[int]]]:
        """``(field, value, ordinals)`` of the named values ``part`` (folded)
        is pinyin of (``fields.pinyin_match``); [] for other parts."""
        if not PINYIN_RE.fullmatch(part) or part[0] not in self.meta["pinyin"]:
            return []
        out = []
        for field, value, reading, docs in self.json(f"y/{part[0]}.json"):
            if pinyin_match(part, reading):
                ords = set(accumulate(sh.decode_varints(docs)))
                out.append((self.meta["fields"][field], value, ords))
        return out

    def exact_part(self, part: str) -> dict[int, tuple[int, bool]]:
        """``{ord: (occurrences, in_title)}`` of documents containing ``part``
        (already folded), or whose named values it is pinyin of (one
        occurrence each, unless the text has more)."""
        hits = self._exact_text(part)
        for _, _, ords in self.pinyin(part):
            for ord_ in ords:
                hits.setdefault(ord_, (1, False))
        return hits

    def date_keys(self) -> list[int]:
        return sh.decode_varints(self.json("dates.json")["keys"])

    def sort(self, ords: list[int], order: str) -> list[int]:
        """``ords`` (in relevance order) by date, ``new`` (newest first) or
        ``old``; undated documents last, ties in relevance order."""
        if order not in ("new", "old"):
            return list(ords)
        keys = self.date_keys()
        sign = -1 if order == "new" else 1
        return sorted(ords, key=lambda o: (keys[o] == 0, sign * keys[o]))

    def _exact_text(self, part: str) -> dict[int, tuple[int, bool]]:
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

    def _word_postings(self, terms: list[str]) -> dict[str, list[list[tuple[int, float]]]]:
        n_fields = len(self.meta["words"]["fields"])
        entries = {term: self.lookup("w", term) for term in terms}
        return {term: sh.decode_words(entry, n_fields) for term, entry in entries.items() if entry is not None}

    def query_index(self, terms: list[str], keep: set[int] | None = None) -> dict | None:
        """The serialised lunr index of the indexed ones among ``terms``
        (folded, lower case) and the documents in ``keep`` (default all), as
        the browser builds it for lunr.js; None if none is indexed."""
        postings = self._word_postings(terms)
        if not postings:
            return None
        return sh.lunr_query_index(postings, self.meta["words"]["fields"], self.meta["words"]["lunr"], keep)

    def segment(self, part: str) -> list[str]:
        """Longest match over the indexed words, left to right; a character
        no indexed word of two or more characters starts with (at that point)
        is a term by itself."""
        terms, i = [], 0
        while i < len(part):
            best = part[i]
            if i + 1 < len(part):
                pair = part[i:i + 2]
                for word in self.shard("w", pair):
                    if word.startswith(pair) and len(word) > len(best) and part.startswith(word, i):
                        best = word
            terms.append(best)
            i += len(best)
        return terms

    def fuzzy_segments(self, query: str) -> list[list[str]]:
        """The terms of each part of the (folded) query."""
        return [self.segment(part) for part in query_parts(fold(query))]

    def fuzzy_terms(self, query: str) -> list[str]:
        return _distinct_terms(self.fuzzy_segments(query))

    def fuzzy(self, query: str) -> list[tuple[int, int, float]]:
        """``[(ord, words matched, lunr score)]`` of fuzzy mode in the order
        the search page lists them: documents with all, then most (a
        majority) of the query's words, by words matched, then lunr.py's score,
        then newer year, then document order.  A part that is pinyin of named
        values selects their documents instead of being a word (fuzzy.js)."""
        parts = query_parts(fold(query))
        required, words = [], []
        for part in parts:
            names = self.pinyin(part)
            if names:
                required.append(set().union(*(ords for _, _, ords in names)))
            else:
                words.append(part)
        if not required:
            return self._fuzzy_words(words)
        if not words:
            docs = set.intersection(*required)
            return sorted(((o, 0, 0.0) for o in docs), key=lambda r: (-self.year_rank[r[0]], r[0]))
        return [r for r in self._fuzzy_words(words) if all(r[0] in docs for docs in required)]

    def _fuzzy_words(self, parts: list[str]) -> list[tuple[int, int, float]]:
        from lunr.index import Index as LunrIndex

        segs = [self.segment(part) for part in parts]
        terms = _distinct_terms(segs)
        if not terms:
            return []
        postings = self._word_postings(terms)
        need = query_word_count(segs, postings.__contains__) // 2 + 1  # a majority: all of one or two words
        counts: dict[int, int] = {}
        for fields in postings.values():
            for ord_ in {o for docs in fields for o, _ in docs}:
                counts[ord_] = counts.get(ord_, 0) + 1
        keep = {o for o, c in counts.items() if c >= need}
        if not keep:
            return []
        idx = LunrIndex.load(sh.lunr_query_index(postings, self.meta["words"]["fields"], self.meta["words"]["lunr"], keep))
        query_obj = idx.create_query()
        for term in sorted(postings, key=sh.utf16_key):
            query_obj.term(term, use_pipeline=False)
        results = [(int(r["ref"]), counts[int(r["ref"])], r["score"]) for r in idx.query(query_obj)]
        return sorted(results, key=lambda r: (-r[1], -r[2], -self.year_rank[r[0]], r[0]))

    def url(self, ord_: int) -> str:
        """The document's URL (relative to the site root) from the store."""
        block = self.meta["shards"]["s"]
        return self.json(f"s/{ord_ // block}.json")[ord_ % block][4]

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
