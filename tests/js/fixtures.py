"""Fixtures for the engine's node tests (``tests/js/*.test.js``): what the
Python side encodes and answers, for the browser's code to decode and
answer alike.

``write_fixtures(dir)`` builds a small index with the generator
(``dir/index/``, as ``search/index/`` of a site) and writes
``dir/fixtures.json``: the engine's concept files in the order the site
serves them (``generator/search/bundle.py``), postings encoded by
``generator/search/shards.py`` with their values, hashes and shard numbers,
Bloom filter answers, foldings, and the exact and fuzzy answers of
``generator/search/query.py``.  ``tests/test_search_js.py`` writes them to a
temporary directory and runs ``node --test tests/js/``; run alone, the node
tests call this file (``python tests/js/fixtures.py DIR``) themselves.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for _path in (ROOT, ROOT / "tests"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from benchmarks.corpus import synthetic_documents  # noqa: E402
from generator.fields import DOC_TYPE_LABELS  # noqa: E402
from generator.paths import UNDATED  # noqa: E402
from generator.reference.gazetteer import UNKNOWN_CITY  # noqa: E402
from generator.search import shards as sh  # noqa: E402
from generator.search.build import PREFIX, build  # noqa: E402
from generator.search.bundle import engine_sources  # noqa: E402
from generator.search.fold import fold, fold_table  # noqa: E402
from generator.search.query import Index, query_word_count  # noqa: E402
from generator.search.tokens import query_parts  # noqa: E402
from test_search import NAMED, TRAP, make_doc  # noqa: E402

LUNR_JS = ROOT / "overrides" / "assets" / "vendor" / "lunr" / "lunr.min.js"
MIN_DOCS = 3  # some long grams get document postings, others are verified by positions
EXTRA = [
    make_doc("e", "鹤壁市产业集聚区建设会议", "鹤壁市召开产业集聚区建设会议，全力以赴招大商。产业集聚区建设。",
             city="鹤壁市", date="2016-06-03", doc_type="speech"),
    make_doc("f", "", "没有标题也没有日期的产业集聚区材料。", doc_type="other"),
    # 招商 without 集聚区 (as "f" has 集聚区 without 招商), so an intersection of
    # the two is smaller than either whatever the synthetic documents hold.
    make_doc("g", "招商推介会在郑州举行", "招商推介会签约项目12个，总投资56亿元。", city="郑州市", date="2019-05-20"),
]
VARINT_VALUES = [0, 1, 127, 128, 300, 16383, 16384, 2**21, 2**28 - 1, 2**28, 2**31 - 1, 2**31, 2**32 + 7, 2**45 + 1]
KEYS = ["", "a", "产", "产业", "产业集聚区", "𠀀𠀁x", "144.3亿元", "ＧＤＰ", "😀", "集聚区建设"]
FOLD_TEXTS = ["產業集聚區", "１４４．３億元", "ＧＤＰ Gdp", "Straße ǅ", "①㈱", "😀𠀀", "ΣΑΣ", "İstanbul", "招商引資 鶴壁"]
EXACT_QUERIES = ["产业集聚区", "集聚区建设", "区建设", "產業集聚區", "１４４．３亿元", "gdp", "全力以赴招大商",
                 "产业集聚区 招大商", "产业 建设", "量子计算", "集聚", "产", "   ",
                 # named fields, pinyin, punctuation (issue 15)
                 "郑州晚报", "王小明 会议", "zhengzhou", "ZZ", "zzwb", "dw", "sxx", "zz dw", "qz", '"产业"',
                 "“集聚区”，招商"]
FUZZY_QUERIES = ["产业集聚区建设", "全力以赴招大商 项目", "集聚区", "量子 招商引资 产业", "李庆贵 发展", "量子",
                 "产业 发展 项目 集聚区 量子", "量子 招大商 全力以赴"]
# fuzzy queries with pinyin parts: those select documents, the rest are words
FUZZY_PINYIN = ["zz", "zz 会议", "anyang 招大商", "dw 产业", "qz 产业"]
PART_QUERIES = ['"产业"', "“产业”，集聚区《报告》", "144.3亿元 1,000 12:30 2014-04-30", "a,b:c", "【郑州】「晚报」",
                "产业\u3000招商", "1,", ",1", "12：30"]
SORT_QUERIES = ["产业", "集聚区", "会议", "zz"]


def _documents():
    return sorted(synthetic_documents(40, seed=13) + TRAP + EXTRA + NAMED, key=lambda d: d.meta.id)


def _write_index(files, index_dir: Path) -> None:
    for f in files:
        target = index_dir / f.path[len(PREFIX):]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(f.content)


def _entries(index_dir: Path, kind: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for path in sorted((index_dir / kind).glob("*.json")):
        out.update(json.loads(path.read_text(encoding="utf-8")))
    return out


def _codec(rng: random.Random, index_dir: Path, n_fields: int) -> dict:
    """Postings of each layout: made-up ones encoded here and a sample of the
    index's own, with the values they hold."""
    def ords(n: int) -> list[int]:
        return sorted(rng.sample(range(5000), n))

    docs = [{o: (rng.choice([1, 1, 2, 7, 300]), rng.random() < 0.3) for o in ords(n)} for n in (1, 3, 40)]
    positions = [{o: sorted(rng.sample(range(100_000), rng.choice([1, 1, 2, 9]))) for o in ords(n)} for n in (1, 3, 40)]
    words = [[[(o, round(rng.uniform(0, 40), 3)) for o in ords(n)] for n in rng.choices([0, 1, 5], k=n_fields)]
             for _ in range(3)]
    docs_texts = [sh.encode_doc_postings(p) for p in docs]
    pos_texts = [sh.encode_positions(p) for p in positions]
    word_texts = [sh.encode_words(w) for w in words]
    for kind, texts in (("g", docs_texts), ("p", pos_texts), ("w", word_texts)):
        entries = _entries(index_dir, kind)
        texts += [entries[k] for k in rng.sample(sorted(entries), 12)]
    return {
        "varints": {"values": VARINT_VALUES, "text": sh.encode_varints(VARINT_VALUES)},
        "docs": [{"text": t, "postings": [[o, c, bool(title)] for o, (c, title) in sh.decode_doc_postings(t).items()]}
                 for t in docs_texts],
        "positions": [{"text": t, "postings": [[o, p] for o, p in sh.decode_positions(t).items()]} for t in pos_texts],
        "words": [{"text": t, "fields": [[[o, s] for o, s in f] for f in sh.decode_words(t, n_fields)]}
                  for t in word_texts],
        "n_fields": n_fields,
    }


def _shards(rng: random.Random, index_dir: Path, meta: dict) -> dict:
    other = ["".join(rng.choice("产业集聚区建设招商引资项目发展") for _ in range(rng.randint(3, 8))) for _ in range(300)]
    long_grams = sorted(k for k in _entries(index_dir, "g") if len(k) >= 3)
    return {
        "hashes": [{"key": k, "hash": sh.fnv1a(k), "bloom_hash": sh.fnv1a(k, sh.BLOOM_BASIS), "route": sh.word_route(k),
                    "shards": {str(n): sh.shard_of(k, n) for n in (1, 2, 64, 1024)}} for k in KEYS],
        "bloom": {"filter": meta["grams"]["long"], "in": long_grams,
                  "checks": [[k, sh.bloom_has(meta["grams"]["long"], k)] for k in sorted(set(other))]},
        # a few keys of each kind, which the engine must route to their shard
        "lookups": {kind: rng.sample(sorted(_entries(index_dir, kind)), 15) for kind in ("g", "p", "w")},
    }


def _fold(rng: random.Random) -> list[list[str]]:
    table = fold_table()
    sample = rng.sample(sorted(table), 400)
    texts = FOLD_TEXTS + ["".join(sample[i:i + 20]) for i in range(0, len(sample), 20)]
    return [[t, fold(t)] for t in texts]


def _exact(index: Index) -> list[dict]:
    return _exact_for(index, EXACT_QUERIES)


def _exact_for(index: Index, queries: list[str]) -> list[dict]:
    """Per query, the hits in the page's order: [ord, parts in the title,
    occurrences], by those, then newer year, then document order."""
    out = []
    for query in queries:
        parts = query_parts(fold(query))
        ranks: dict[int, list[int]] = {}
        for ord_ in index.exact(query):
            hits = [index.exact_part(p)[ord_] for p in parts]
            ranks[ord_] = [sum(title for _, title in hits), sum(n for n, _ in hits)]
        order = sorted(ranks, key=lambda o: (-ranks[o][0], -ranks[o][1], -index.year_rank[o], o))
        out.append({"query": query, "parts": parts, "hits": [[o] + ranks[o] for o in order]})
    return out


def _fuzzy(index: Index) -> dict:
    known = {"招商引资", "产业", "招"}
    cases = [[["量", "子", "招商引资", "产业"]], [["量", "子"], ["招商引资"], ["量", "子"]], [["量", "招", "子"]],
             [["产业", "产业"], ["招商引资"]], []]
    queries = []
    for query in FUZZY_QUERIES:
        segs = index.fuzzy_segments(query)
        indexed = [t for t in index.fuzzy_terms(query) if index.lookup("w", t) is not None]
        queries.append({"query": query, "terms": index.fuzzy_terms(query), "indexed": indexed,
                        "need": query_word_count(segs, indexed.__contains__) // 2 + 1,
                        "hits": [[o, m, score] for o, m, score in index.fuzzy(query)]})
    return {"word_counts": [{"segs": segs, "known": sorted(known), "count": query_word_count(segs, known.__contains__)}
                            for segs in cases],
            "queries": queries}


def _issue15(index: Index) -> dict:
    """Pinyin in fuzzy mode, query parts, and date order."""
    from generator.search.build import date_keys

    fuzzy = [{"query": q, "hits": [[o, m] for o, m, _ in index.fuzzy(q)]} for q in FUZZY_PINYIN]
    parts = [[q, query_parts(fold(q))] for q in PART_QUERIES]
    order = []
    for q in SORT_QUERIES:
        relevance = [h[0] for h in next(e for e in _exact_for(index, [q]))["hits"]]
        order.append({"query": q, "relevance": relevance, "new": index.sort(relevance, "new"),
                      "old": index.sort(relevance, "old")})
    names = {q: sorted([f, v, sorted(o)] for f, v, o in index.pinyin(q)) for q in ("zz", "zhengzhou", "dw", "qz", "产业")}
    return {"fuzzy": fuzzy, "parts": parts, "sort": order, "dates": date_keys(_documents()), "names": names}


def write_fixtures(out: Path) -> Path:
    """Write the fixtures into ``out``; returns ``out / "fixtures.json"``."""
    rng = random.Random(17)
    index_dir = out / "index"
    docs = _documents()
    _write_index(build(docs, min_docs=MIN_DOCS), index_dir)
    index = Index.from_dir(index_dir)
    meta = index.meta
    fixtures = {
        "sources": [str(p) for p in engine_sources()],
        "lunr": str(LUNR_JS),
        "index": str(index_dir),
        "codec": _codec(rng, index_dir, len(meta["words"]["fields"])),
        "shards": _shards(rng, index_dir, meta),
        "fold": _fold(rng),
        "exact": _exact(index),
        "fuzzy": _fuzzy(index),
        "issue15": _issue15(index),
        # the names readers see (the browse pages' labels)
        "names": {"type": dict(DOC_TYPE_LABELS), "city": {"": UNKNOWN_CITY}, "year": {"": UNDATED}},
    }
    path = out / "fixtures.json"
    path.write_text(json.dumps(fixtures, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write_fixtures(Path(sys.argv[1])))
