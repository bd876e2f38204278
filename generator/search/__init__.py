"""Stage 6 — search: documents -> a sharded full-text index for the browser.

Everything is folded first (:mod:`.fold`: NFKC, case folding, OpenCC t2s per
character).  A document's indexed text is its title, body and named fields
(city, source, reporters, people: :mod:`.fields`), a line each.  The index
under ``search/index/`` has:

``g/<k>.json``  document postings of every 1- and 2-character gram and of
                every 3..8-character gram found in at least ``min_docs``
                documents (5 %; count and in-title flag per document);
``p/<k>.json``  positional postings of every 3-character gram;
                together they answer *exact* mode: a query part of 1-2
                characters (or a frequent longer one) is one lookup; a longer
                one is verified by intersecting the positions of 3-grams that
                cover it (offsets 0, 3, 6, ..., len-3), so a document is
                returned only if the characters are adjacent and in order;
``w/<k>.json``  per jieba word (fields title/body/people/city) its lunr
                postings with lunr's BM25 scores, compactly, routed by the
                word's first two characters: the shards of a query's adjacent
                character pairs hold the words it can be segmented into
                (longest match over the index vocabulary) and their postings,
                so *fuzzy* mode segments and scores after one round (the
                browser makes one lunr index of the entries of a query's
                words and lets lunr.js run the query over it);
``s/<k>.json``  document store (title, city, date, type, URL), 16 per shard;
``t/<n>.json``  one document's text and named fields, fetched for the
                snippets and the reasons (来源：郑州晚报) shown;
``y/<a>.json``  pinyin (pypinyin, at generate time) of the named values
                whose reading starts with letter a, with their documents:
                fetched only for a query part of Latin letters;
``dates.json``  per document the rank of its date (0: none), fetched only
                when results are sorted by date;
``fold/common.json`` the folding of CJK ideographs, CJK punctuation and
                full-width forms; ``fold/<p>.json`` the rest of the table in
                pages of 256 code points;
``meta.json``   what a first query needs before any posting: shard counts,
                a Bloom filter of the 3..8-character grams that have a
                document posting (so a part goes straight to ``g`` or ``p``)
                and which CJK ideographs fold; the search page carries a copy
                inline (:func:`inline_meta`), so its first lookups start at once;
``facets.json`` city/year/type per document (with the names readers see
                for their labels) and title lengths, needed once a query's
                documents are known, with the build id that tells a page
                whose inline copy of meta.json is stale;
``engine.js``   the browser's engine that reads all this: its concept files
                (``generator/search/engine/``) as one
                script (:mod:`.bundle`).

Postings are base64 strings of varints (layouts in :mod:`.shards`).
Keys route to shards by 32-bit FNV-1a of their code points; shard counts are
powers of two sized from the data.  Output is deterministic.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

from ..config import Settings
from ..render.jsonld import script_json
from ..models import Document, OutputFile
from .build import PREFIX, build
from .bundle import engine_file
from .fold import fold

__all__ = ["build_search_index", "fold", "inline_meta"]


def build_search_index(documents: Sequence[Document], settings: Settings) -> list[OutputFile]:
    return build(documents) + [engine_file()]


def inline_meta(docs_dir: Path) -> str:
    """The written ``meta.json`` as JSON safe inside a ``<script>`` element
    (the search page's boot data block), or ``null`` before the index exists."""
    path = docs_dir / PREFIX / "meta.json"
    try:
        return script_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return "null"
