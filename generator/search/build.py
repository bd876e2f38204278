"""Builds the sharded search index (see ``generator/search/__init__.py``)."""

from __future__ import annotations

import hashlib
import math
import multiprocessing
import os
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from operator import add
from typing import Callable, Sequence

import lunr
import lunr.index
from lunr.builder import Builder
from lunr.idf import idf as Idf
from lunr.vector import Vector

from ..models import Document, OutputFile
from ..fields import DOC_TYPE_LABELS, label
from ..paths import UNDATED
from ..reference.gazetteer import UNKNOWN_CITY
from . import shards as sh
from .named_fields import FIELD_LABELS, FIELDS, field_text, field_values, pinyin_files
from .fold import common_fold, fold, fold_pages, fold_table
from .tokens import _tokenizer, name_terms, runs, words

PREFIX = "search/index/"
FORMAT_VERSION = 5
LUNR_FIELDS = (("title", 10), ("body", 1), ("people", 3), ("city", 3), ("source", 3))
STORE_BLOCK = 16  # documents per store shard
MAX_GRAM = 8  # longest gram with a document-level posting
TARGET = {"g": 8_000, "p": 12_000, "w": 12_000}


def _repost_numbers(docs: Sequence[Document]) -> list[int]:
    groups = sorted({d.meta.repost_group for d in docs if d.meta.repost_group})
    number = {g: i + 1 for i, g in enumerate(groups)}
    return [number.get(d.meta.repost_group or "", 0) for d in docs]


def min_docs_for(n_docs: int) -> int:
    """Document frequency from which a gram of 3..MAX_GRAM characters gets a
    document-level posting (5 % of documents, at least 5).  Below that, the
    3-gram positions of such a string are small enough to fetch; above it,
    one document list is much cheaper than two or three positional lists."""
    return max(5, math.ceil(n_docs * 0.05))


def _encode(values: list[int]) -> str:
    """Base64 of the unsigned LEB128 varints of ``values``."""
    if max(values) < 0x80:
        return sh.b64(bytes(values))
    return sh.b64(sh.varints(values))


def _doc_posting(vals: list[int], delta: int, count: int, in_title: bool) -> None:
    """One document of a document posting (see ``shards.decode_doc_postings``):
    ``delta*2+1`` alone for a single occurrence outside the title, else
    ``delta*2`` then ``count*2 + in_title``."""
    if count == 1 and not in_title:
        vals.append(delta * 2 + 1)
    else:
        vals.append(delta * 2)
        vals.append(count * 2 + in_title)


def _frequent_levels(texts: list[tuple[str, int]], frequent: set[str], min_docs: int, max_gram: int,
                     g_vals: dict[str, list[int]]) -> None:
    """Document postings of frequent grams of 3..max_gram characters, level by
    level: a gram can only be frequent if both of its (n-1)-grams are."""
    starts: list[list[int]] = []
    for text, _ in texts:
        starts.append([i for i in range(len(text) - 2) if text[i:i + 3] in frequent])
    n = 3
    while frequent and n <= max_gram:
        if n > 3:
            df: dict[str, int] = defaultdict(int)
            cands: list[list[int]] = []
            for (text, _), st in zip(texts, starts):
                prev = set(st)
                cand = [i for i in st if i + 1 in prev]
                for gram in {text[i:i + n] for i in cand}:
                    df[gram] += 1
                cands.append(cand)
            frequent = {gram for gram, d in df.items() if d >= min_docs}
            starts = [[i for i in cand if text[i:i + n] in frequent] for (text, _), cand in zip(texts, cands)]
        last: dict[str, int] = {}
        for ord_, ((text, tlen), st) in enumerate(zip(texts, starts)):
            counts: dict[str, int] = defaultdict(int)
            titled: set[str] = set()
            for i in st:
                gram = text[i:i + n]
                counts[gram] += 1
                if i + n <= tlen:
                    titled.add(gram)
            for gram, c in counts.items():
                _doc_posting(g_vals[gram], ord_ - last.get(gram, 0), c, gram in titled)
                last[gram] = ord_
        n += 1


def _char_index(texts: list[tuple[str, int]], min_docs: int, max_gram: int) -> tuple[dict[str, str], dict[str, str]]:
    """Document postings (``g``) for every 1- and 2-gram and for frequent
    grams of 3..max_gram characters; positional postings (``p``) for every
    3-gram.  Returns ``{gram: base64 varints}`` for both."""
    g_vals: dict[str, list[int]] = defaultdict(list)
    g_last: dict[str, int] = {}
    p_vals: dict[str, list[int]] = defaultdict(list)
    p_last: dict[str, int] = {}
    p_df: dict[str, int] = defaultdict(int)
    for ord_, (text, tlen) in enumerate(texts):
        counts: Counter[str] = Counter()
        titled: set[str] = set()
        positions: dict[str, list[int]] = defaultdict(list)
        for off, run in runs(text):
            c1 = Counter(run)
            c2 = Counter(map(add, run, run[1:]))
            counts.update(c1)
            counts.update(c2)
            if off < tlen:
                titled.update(c1)
                titled.update(c2)
            for i, gram in enumerate(map(add, map(add, run, run[1:]), run[2:]), off):
                positions[gram].append(i)
        for gram, c in counts.items():
            vals = g_vals[gram]
            delta = ord_ - g_last.get(gram, 0)
            if c == 1 and gram not in titled:
                vals.append(delta * 2 + 1)
            else:
                vals.append(delta * 2)
                vals.append(c * 2 + (gram in titled))
            g_last[gram] = ord_
        for gram, pos in positions.items():
            vals = p_vals[gram]
            delta = ord_ - p_last.get(gram, 0)
            if len(pos) == 1:
                vals.append(delta * 2 + 1)
                vals.append(pos[0])
            else:
                vals.append(delta * 2)
                vals.append(len(pos))
                prev = 0
                for x in pos:
                    vals.append(x - prev)
                    prev = x
            p_last[gram] = ord_
            p_df[gram] += 1
    frequent = {t for t, d in p_df.items() if d >= min_docs}
    del p_last, g_last, p_df
    _frequent_levels(texts, frequent, min_docs, max_gram, g_vals)
    return ({k: _encode(v) for k, v in g_vals.items()}, {k: _encode(v) for k, v in p_vals.items()})


def _shard_files(kind: str, entries: dict[str, str], route: Callable[[str], str] = lambda key: key
                 ) -> tuple[int, list[OutputFile]]:
    """Entries in ``count`` shards, by the FNV-1a hash of ``route(key)``."""
    total = sum(len(k.encode()) + len(v) + 6 for k, v in entries.items())
    count = sh.shard_count(total, TARGET[kind])
    buckets: list[dict[str, str]] = [dict() for _ in range(count)]
    for key, value in entries.items():
        buckets[sh.shard_of(route(key), count)][key] = value
    return count, [OutputFile(f"{PREFIX}{kind}/{i}.json", sh.dumps(b)) for i, b in enumerate(buckets)]


class _WordIndexBuilder(Builder):
    """lunr.py's Builder, fed with pre-tokenised fields.

    The pipeline is emptied (lunr's trimmer, stop-word filter and stemmer are
    English and would delete Chinese).  ``add`` and the field vectors follow
    lunr.py's own algorithm (same term indexes, BM25 scores rounded to three
    decimals) without its per-token deep copies and per-element vector
    inserts, which dominate the time on large corpora.
    """

    def __init__(self) -> None:
        super().__init__()
        self.pipeline.reset()
        self.search_pipeline.reset()
        self.ref("id")
        for name, boost in LUNR_FIELDS:
            self.field(name, boost=boost)

    def add(self, doc, attributes=None):  # noqa: D401 - lunr.py signature
        doc_ref = str(doc[self._ref])
        self._documents[doc_ref] = attributes or {}
        self.document_count += 1
        for field_name in self._fields:
            terms = [str(t).lower() for t in doc[field_name]]
            field_ref = f"{field_name}/{doc_ref}"  # lunr.FieldRef string form
            field_terms: dict[str, int] = Counter(terms)
            self.field_term_frequencies[field_ref] = field_terms
            self.field_lengths[field_ref] = len(terms)
            for term in field_terms:
                posting = self.inverted_index.get(term)
                if posting is None:
                    posting = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    self.inverted_index[term] = posting
                posting[field_name][doc_ref] = {}

    def _create_field_vectors(self):
        field_vectors = {}
        idf_cache: dict[str, float] = {}
        k1, b = self._k1, self._b
        for field_ref, term_frequencies in self.field_term_frequencies.items():
            field_name, doc_ref = field_ref.split("/", 1)
            # A field that is empty in every document has an average length
            # of 0 (and no terms, so the ratio is never used): no division.
            average = self.average_field_length[field_name]
            length_ratio = self.field_lengths[field_ref] / average if average else 0.0
            boost = self._fields[field_name].boost * self._documents[doc_ref].get("boost", 1)
            pairs = []
            for term, tf in term_frequencies.items():
                posting = self.inverted_index[term]
                idf = idf_cache.get(term)
                if idf is None:
                    idf = idf_cache[term] = Idf(posting, self.document_count)
                score = idf * ((k1 + 1) * tf) / (k1 * (1 - b + b * length_ratio) + tf)
                score *= boost
                pairs.append((posting["_index"], round(score, 3)))
            pairs.sort()
            field_vectors[field_ref] = Vector([x for pair in pairs for x in pair])
        self.field_vectors = field_vectors


def _doc_terms(doc: Document, ftitle: str, fbody: str) -> tuple[list[str], ...]:
    """The terms of one document per field of LUNR_FIELDS."""
    return (
        list(words(ftitle)),
        list(words(fbody)),
        name_terms(fold(p.name) for p in doc.meta.people),
        name_terms([fold(doc.meta.city)] if doc.meta.city else []),
        name_terms(fold(v) for f, v in field_values(doc) if f in ("source", "reporter")),
    )


def _lunr_word_index(docs: Sequence[Document], folded: list[tuple[str, str]]) -> lunr.index.Index:
    """The fuzzy-mode index, built by lunr.py over jieba words."""
    builder = _WordIndexBuilder()
    for ord_, (doc, (ftitle, fbody)) in enumerate(zip(docs, folded)):
        terms = _doc_terms(doc, ftitle, fbody)
        builder.add({"id": str(ord_), **{name: t for (name, _), t in zip(LUNR_FIELDS, terms)}})
    return builder.build()


def _word_index(docs: Sequence[Document], folded: list[tuple[str, str]]) -> dict[str, str]:
    """Per indexed word, its postings with the BM25 field scores of the
    lunr.py index (``_lunr_word_index``), in a compact transport layout.

    lunr's serialised JSON repeats every document reference per term and per
    field; here, per field of LUNR_FIELDS, the number of documents, then per
    document the ord delta and round(score * 1000) (base64 varints).  The
    browser turns the entries of a query's words back into one lunr index of
    just those words (``shards.lunr_query_index``) and lets lunr.js query it;
    lunr scores over the query's own terms, so the other words of the full
    index would not change the scores.
    """
    if not docs:
        return {}
    index = _lunr_word_index(docs, folded)
    field_no = {name: f for f, (name, _) in enumerate(LUNR_FIELDS)}
    term_of = {posting["_index"]: term for term, posting in index.inverted_index.items()}
    scored: dict[str, list[list[tuple[int, int]]]] = {}
    for field_ref, vector in index.field_vectors.items():
        field_name, doc_ref = str(field_ref).split("/", 1)  # lunr.FieldRef string form
        f, ord_ = field_no[field_name], int(doc_ref)
        elements = vector.elements
        for i in range(0, len(elements), 2):
            term = term_of[elements[i]]
            lists = scored.get(term)
            if lists is None:
                lists = scored[term] = [[] for _ in LUNR_FIELDS]
            lists[f].append((ord_, round(elements[i + 1] * 1000)))
    out: dict[str, str] = {}
    for term, lists in scored.items():
        vals: list[int] = []
        for pairs in lists:
            pairs.sort()
            vals.append(len(pairs))
            prev = 0
            for ord_, score in pairs:
                vals.append(ord_ - prev)
                vals.append(score)
                prev = ord_
        out[term] = _encode(vals)
    return out


def _word_files(docs: Sequence[Document], folded: list[tuple[str, str]]) -> tuple[int, list[OutputFile]]:
    return _shard_files("w", _word_index(docs, folded), route=sh.word_route)


PARALLEL_MIN_DOCS = 400  # below this a second process costs more than it saves
_FORK_INPUT: tuple | None = None  # what the forked word-index process reads


def _word_files_forked():
    return _word_files(*_FORK_INPUT)


def _start_word_files(docs: Sequence[Document], folded: list[tuple[str, str]]):
    """``_word_files`` started in a forked process when that can help (two or
    more cores, a large corpus, fork available); returns a function giving
    its result.  Falls back to computing it in this process."""
    global _FORK_INPUT
    if (len(docs) >= PARALLEL_MIN_DOCS and (os.cpu_count() or 1) > 1
            and "fork" in multiprocessing.get_all_start_methods()
            and not os.environ.get("ARCHIVE_SEARCH_SERIAL")):
        try:
            _tokenizer()  # load jieba once, before forking
            _FORK_INPUT = (docs, folded)
            executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
            future = executor.submit(_word_files_forked)
        except (OSError, ValueError, RuntimeError, AssertionError):
            future = None
        finally:
            _FORK_INPUT = None
        if future is not None:
            def result():
                try:
                    return future.result()
                finally:
                    executor.shutdown()
            return result
    return lambda: _word_files(docs, folded)


def _facet(values: list[str], names: dict[str, str]) -> dict:
    """A facet's labels, each document's label (its index, varints) and the
    names readers see for labels, where they differ (the search page shows
    them as the browse pages do)."""
    labels = sorted(set(values))
    index = {v: i for i, v in enumerate(labels)}
    return {"labels": labels, "values": sh.b64(sh.varints(index[v] for v in values)), "names": names}


def date_keys(docs: Sequence[Document]) -> list[int]:
    """Per document, the rank of its date among the corpus's distinct dates
    (YYYY, YYYY-MM or YYYY-MM-DD, in string order: a year sorts before its
    months), from 1; 0 for no date.  The search page sorts by it (最新/最早)."""
    dates = sorted({d.meta.date for d in docs if d.meta.date})
    rank = {date: i + 1 for i, date in enumerate(dates)}
    return [rank.get(d.meta.date or "", 0) for d in docs]


def searchable_text(doc: Document) -> tuple[str, int]:
    """What exact mode indexes of a document, folded - title, body and its
    named fields (:mod:`.fields`), a line each - and the title's length."""
    title, body, fields = fold(doc.meta.title or ""), fold(doc.cleaned.body_text), field_text(doc)
    return title + "\n" + body + ("\n" + fields if fields else ""), len(title)


def build(documents: Sequence[Document], *, min_docs: int | None = None, max_gram: int = MAX_GRAM) -> list[OutputFile]:
    docs = sorted(documents, key=lambda d: d.meta.id)
    if min_docs is None:
        min_docs = min_docs_for(len(docs))
    folded = [(fold(d.meta.title or ""), fold(d.cleaned.body_text)) for d in docs]
    texts = [searchable_text(d) for d in docs]
    files: list[OutputFile] = []

    # the word index (jieba: the slower half) in a forked process while
    # this one builds the character index; the same files either way
    words_job = _start_word_files(docs, folded)

    g, p = _char_index(texts, min_docs, max_gram)
    # which 3..max_gram-character grams have a document posting: the browser
    # looks such a part up directly and verifies any other with positions,
    # without a round trip to learn which case it is in
    long_grams = sh.bloom_filter(k for k in g if len(k) >= 3)
    g_count, g_files = _shard_files("g", g)
    p_count, p_files = _shard_files("p", p)
    del g, p
    files += g_files + p_files

    w_count, w_files = words_job()
    files += w_files

    for start in range(0, len(docs), STORE_BLOCK):
        block = [[d.meta.title or "", d.meta.city or "", d.meta.date or "", d.meta.doc_type, d.url_dir]
                 for d in docs[start:start + STORE_BLOCK]]
        files.append(OutputFile(f"{PREFIX}s/{start // STORE_BLOCK}.json", sh.dumps(block)))
    table = fold_table()
    for ord_, d in enumerate(docs):
        title, body = d.meta.title or "", d.cleaned.body_text
        # the folding of this document's non-ASCII characters, so the browser
        # can locate hits for snippets without loading fold pages
        # and its named fields, so the page can say where a part was found
        fields = [[FIELDS.index(f), v] for f, v in field_values(d)]
        own = {ch: table[ch] for ch in set(title + body + "".join(v for _, v in fields))
               if ord(ch) >= 0x80 and ch in table}
        files.append(OutputFile(f"{PREFIX}t/{ord_}.json",
                                sh.dumps({"title": title, "body": body, "fields": fields, "fold": own})))
    pages = fold_pages()
    for page, table in sorted(pages.items()):
        files.append(OutputFile(f"{PREFIX}fold/{page}.json", sh.dumps(table)))
    common = common_fold()
    files.append(OutputFile(f"{PREFIX}fold/common.json", sh.dumps(common)))
    facets = {
        "city": _facet([d.meta.city or "" for d in docs], {"": UNKNOWN_CITY}),
        "year": _facet([d.meta.year or "" for d in docs], {"": UNDATED}),
        "type": _facet([d.meta.doc_type for d in docs], dict(DOC_TYPE_LABELS)),
        "tlen": sh.b64(sh.varints(t for _, t in texts)),
        # 同文异源: per document, 0 or its group's number (1..), so the page
        # shows a group's copies once with their count
        "repost": sh.b64(sh.varints(_repost_numbers(docs))),
    }

    # pinyin of the named fields, fetched for a query part of Latin letters
    pinyin = pinyin_files(docs)
    for letter, entries in sorted(pinyin.items()):
        files.append(OutputFile(f"{PREFIX}y/{letter}.json", sh.dumps(entries)))
    # the date order, fetched only when results are sorted by date
    files.append(OutputFile(f"{PREFIX}dates.json", sh.dumps({"keys": sh.encode_varints(date_keys(docs))})))

    digest = hashlib.sha256()
    for f in sorted(files, key=lambda f: f.path):
        digest.update(f.path.encode() + b"\0" + f.content + b"\0")
    digest.update(sh.dumps(facets))
    build_id = digest.hexdigest()[:16]
    # facets.json is needed only once a query's documents are known (fetched
    # alongside the first postings) and is always revalidated: its build id
    # tells a page holding an older copy of meta.json (the search page
    # carries one inline) that the index has changed under it
    files.append(OutputFile(f"{PREFIX}facets.json", sh.dumps({"build": build_id, **facets})))
    meta = {
        "version": FORMAT_VERSION,
        "build": build_id,
        "docs": len(docs),
        "grams": {"max": max_gram, "min_docs": min_docs, "long": long_grams},
        "shards": {"g": g_count, "p": p_count, "w": w_count, "s": STORE_BLOCK},
        "words": {"fields": [name for name, _ in LUNR_FIELDS], "lunr": lunr.__TARGET_JS_VERSION__},
        "fold": sorted(pages),
        "fields": list(FIELDS),
        # what the page calls them (the pages' labels, generator/fields.py)
        "field_labels": {name: FIELD_LABELS[name] for name in FIELDS},
        "repost_label": label("repost_group"),
        "pinyin": "".join(sorted(pinyin)),
        # which CJK ideographs fold at all: a query without them needs no table
        "fold_cjk": common["cjk"]["bits"],
    }
    files.append(OutputFile(f"{PREFIX}meta.json", sh.dumps(meta)))
    return files
