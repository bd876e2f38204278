"""Fast unit tests of the search index builder (generator/search)."""

from __future__ import annotations

import json
import random
import sys
import unicodedata
from pathlib import Path

import pytest
from lunr.index import Index as LunrIndex

from generator.models import Block, CleanedDocument, Document, Metadata, Person, RawDocument
from generator.fields import DOC_TYPE_LABELS
from generator.paths import UNDATED
from generator.reference.gazetteer import UNKNOWN_CITY
from generator.search import build_search_index
from generator.search import shards as sh
from generator.search.build import build
from generator.search.named_fields import field_values
from generator.search.fold import fold, fold_pages, fold_table
from generator.search.query import Index, query_word_count
from generator.search.tokens import JS_WHITESPACE, name_terms, query_parts, words

ROOT = Path(__file__).resolve().parent.parent


def make_doc(doc_id: str, title: str, body: str, city: str | None = None, date: str | None = None,
             people: tuple[str, ...] = (), doc_type: str = "news", source: str | None = None,
             reporters: tuple[str, ...] = ()) -> Document:
    raw = RawDocument(doc_id=doc_id, file_name=doc_id + ".txt", text=title + "\n" + body, encoding="utf-8",
                      sha256="0" * 64, size=len(body))
    cleaned = CleanedDocument(raw=raw, blocks=tuple(Block("paragraph", p) for p in body.split("\n") if p))
    meta = Metadata(id=doc_id, title=title, raw_file=raw.file_name, raw_sha256=raw.sha256, encoding="utf-8",
                    chars=len(body), date=date, city=city, doc_type=doc_type, people=tuple(Person(p) for p in people),
                    source=source, reporters=reporters)
    return Document(cleaned=cleaned, meta=meta)


def searchable(doc: Document) -> tuple[str, str]:
    return fold(doc.meta.title), fold(doc.cleaned.body_text)


def expected(docs: list[Document], query: str) -> set[int]:
    """Brute force: every part of the folded query is a substring of the
    folded title, body or a named field's value (city, source, reporters,
    people)."""
    parts = query_parts(fold(query))
    texts = [searchable(d) + tuple(fold(v) for _, v in field_values(d)) for d in docs]
    return {i for i, texts_ in enumerate(texts) if parts and all(any(p in t for t in texts_) for p in parts)}


# -- folding -------------------------------------------------------------------

def test_fold_traditional_fullwidth_and_case():
    assert fold("產業集聚區") == "产业集聚区"
    assert fold("招商引資") == "招商引资"
    assert fold("１４４．３億元") == "144.3亿元"
    assert fold("ＧＤＰ Gdp") == "gdp gdp"
    assert fold("产业集聚区建设") == "产业集聚区建设"


def test_fold_is_a_per_character_idempotent_mapping():
    table = fold_table()
    assert all(fold(v) == v for v in table.values())
    text = "產業集聚區，Ａ股ß①㈱"
    assert fold(text) == "".join(fold(c) for c in text)
    assert fold(fold(text)) == fold(text)


def test_fold_table_comes_from_opencc_t2s():
    import opencc

    cc = opencc.OpenCC("t2s")
    table = fold_table()
    sample = random.Random(1).sample([c for c in table if "\u4e00" <= c <= "\u9fff"], 300)
    for ch in sample:
        assert fold(ch) == fold(unicodedata.normalize("NFKC", cc.convert(ch)).casefold())


def test_fold_pages_partition_the_table():
    pages = fold_pages()
    assert sum(len(p) for p in pages.values()) == len(fold_table())
    assert all(ord(ch) >> 8 == page for page, table in pages.items() for ch in table)


# -- tokens -------------------------------------------------------------------

def test_words_yield_sub_words():
    tokens = list(words(fold("产业集聚区建设全力以赴招大商")))
    for w in ("产业集聚区", "集聚区", "产业", "建设", "全力以赴"):
        assert w in tokens
    assert not any(set(t) & set(JS_WHITESPACE + "，。") for t in tokens)


def test_name_terms_keep_whole_names():
    assert name_terms(["马林青"])[0] == "马林青"
    assert name_terms(["", "  "]) == []


def test_query_parts_split_on_javascript_whitespace():
    assert query_parts(fold("产业集聚区\u3000招商  引资")) == ["产业集聚区", "招商", "引资"]
    assert query_parts("招商 产业 招商") == ["招商", "产业"]  # each part once, in order


# -- encodings and routing -------------------------------------------------------

def test_fnv1a_over_code_points():
    assert sh.fnv1a("") == 0x811C9DC5
    assert sh.fnv1a("a") == 0xE40C292C  # FNV-1a test vector (code point == byte for ASCII)
    assert sh.fnv1a("产") != sh.fnv1a("业")
    assert 0 <= sh.shard_of("产业", 64) < 64


def test_varints_round_trip():
    values = [0, 1, 127, 128, 300, 16383, 16384, 2**31 + 5]
    assert sh.read_varints(sh.varints(values)) == values
    assert sh.decode_varints(sh.encode_varints(values)) == values


def test_the_codec_writes_the_postings_the_index_holds():
    """shards.py's encoders and decoders are inverse, and they are the
    layouts the index is built with (tests/js checks the browser decodes
    them alike)."""
    files = build(TRAP, min_docs=2)
    n_fields = len(json.loads({f.path: f.content for f in files}["search/index/meta.json"])["words"]["fields"])
    codec = {"g": (sh.encode_doc_postings, sh.decode_doc_postings), "p": (sh.encode_positions, sh.decode_positions),
             "w": (sh.encode_words, lambda t: sh.decode_words(t, n_fields))}
    seen = {kind: 0 for kind in codec}
    for f in files:
        kind = f.path[len("search/index/"):].split("/")[0]
        if kind in codec:
            encode, decode = codec[kind]
            for key, text in json.loads(f.content).items():
                assert encode(decode(text)) == text, (kind, key)
                seen[kind] += 1
    assert min(seen.values()) > 20
    assert sh.decode_doc_postings(sh.encode_doc_postings({3: (1, False), 9: (2, True), 10: (1, True)})) == {
        3: (1, False), 9: (2, True), 10: (1, True)}
    assert sh.decode_positions(sh.encode_positions({0: [5], 7: [1, 4, 40]})) == {0: [5], 7: [1, 4, 40]}


def test_shard_count_is_a_power_of_two():
    for total in (0, 1, 10_000, 123_456_789):
        n = sh.shard_count(total, 8000)
        assert n & (n - 1) == 0 and (n == 1 or total / (n // 2) > 8000)


# -- exactness -------------------------------------------------------------------

TRAP = [
    make_doc("a", "产业集聚区建设观摩会", "全市产业集聚区建设稳步推进。", city="安阳市", date="2014-04-30"),
    # contains 产业集聚区 and 区建设 but never 集聚区建设: every bigram and
    # 3-gram of the query co-occurs, not adjacently
    make_doc("b", "招商", "发展产业集聚区，推进城区建设。", city="新乡市", date="2013-01-01"),
    make_doc("c", "產業集聚區報告", "產業集聚區發展，投資144.3億元。", city="郑州市", date="2015"),
    make_doc("d", "无关", "全力以赴招大商，千方百计上大项目。ＧＤＰ增长。", people=("李庆贵",)),
]


@pytest.mark.parametrize("min_docs", [1, 2, 100])
def test_bigram_co_occurrence_is_not_a_match(min_docs):
    index = Index.from_files(build(TRAP, min_docs=min_docs))
    assert index.exact("集聚区建设") == {0}
    assert index.exact("区建设") == {0, 1}
    assert index.exact("产业集聚区") == {0, 1, 2}
    assert index.exact("產業集聚區") == {0, 1, 2}
    assert index.exact("144.3亿元") == {2}
    assert index.exact("１４４．３亿元") == {2}
    assert index.exact("gdp") == {3}
    assert index.exact("产业集聚区 招大商") == set()
    assert index.exact("量子计算") == set()
    assert index.exact("   ") == set()


def test_exact_mode_equals_substring_containment_on_a_synthetic_corpus():
    sys.path.insert(0, str(ROOT))
    from benchmarks.corpus import synthetic_documents

    docs = sorted(synthetic_documents(60, seed=7) + TRAP, key=lambda d: d.meta.id)
    rng = random.Random(3)
    queries = ["集聚区建设", "区建设", "产业集聚区", "全力以赴招大商", "万元", "亿", "发展 项目", "不存在的词语组合"]
    for _ in range(150):  # random substrings of documents, 1..12 characters
        d = rng.choice(docs)
        text = fold(d.cleaned.body_text).replace("\n", "")
        n = rng.randint(1, 12)
        i = rng.randrange(0, max(1, len(text) - n))
        queries.append(text[i:i + n])
    for min_docs in (3, 1000):  # with and without frequent long grams
        index = Index.from_files(build(docs, min_docs=min_docs))
        for q in queries:
            assert index.exact(q) == expected(docs, q), q


def test_title_hits_and_counts():
    index = Index.from_files(build(TRAP, min_docs=1))
    hits = index.exact_part(fold("产业集聚区"))
    assert hits[0] == (2, True)
    assert hits[1] == (1, False)


# -- the files -------------------------------------------------------------------

def test_output_is_deterministic_and_under_search_index():
    a = build_search_index(TRAP, None)
    b = build_search_index(list(reversed(TRAP)), None)
    assert [(f.path, f.content) for f in a] == [(f.path, f.content) for f in b]
    assert all(f.path.startswith("search/index/") for f in a)


def test_empty_corpus_builds():
    files = {f.path: f.content for f in build([])}
    assert json.loads(files["search/index/meta.json"])["docs"] == 0


def test_store_and_meta():
    files = {f.path: f.content for f in build(TRAP)}
    meta = json.loads(files["search/index/meta.json"])
    assert meta["docs"] == 4
    facets = json.loads(files["search/index/facets.json"])
    assert facets["city"]["labels"] == ["", "安阳市", "新乡市", "郑州市"]
    # the search page names labels as the browse pages do
    assert facets["type"]["names"] == DOC_TYPE_LABELS
    assert facets["city"]["names"] == {"": UNKNOWN_CITY} and facets["year"]["names"] == {"": UNDATED}
    store = json.loads(files["search/index/s/0.json"])
    assert store[0] == ["产业集聚区建设观摩会", "安阳市", "2014-04-30", "news", "archive/2014/a/"]
    text = json.loads(files["search/index/t/2.json"])
    assert text["fold"]["產"] == "产"


def test_bloom_filter_has_no_false_negatives_and_few_false_positives():
    rng = random.Random(5)
    keys = {"".join(chr(rng.randint(0x4E00, 0x9FFF)) for _ in range(rng.randint(3, 8))) for _ in range(3000)}
    bloom = sh.bloom_filter(keys)
    assert all(sh.bloom_has(bloom, k) for k in keys)
    others = {"".join(chr(rng.randint(0x4E00, 0x9FFF)) for _ in range(5)) for _ in range(5000)} - keys
    false_positives = sum(sh.bloom_has(bloom, k) for k in others)
    assert false_positives / len(others) < 0.03
    assert not sh.bloom_has(sh.bloom_filter([]), "产业集聚区")


def test_meta_tells_which_long_grams_have_document_postings():
    """Every 3..8-character gram with a document posting is in the filter,
    so the browser never verifies with positions a part it could look up."""
    files = build(TRAP, min_docs=1)
    meta = json.loads({f.path: f.content for f in files}["search/index/meta.json"])
    long_keys = [k for f in files if f.path.startswith("search/index/g/")
                 for k in json.loads(f.content) if len(k) >= 3]
    assert long_keys and all(sh.bloom_has(meta["grams"]["long"], k) for k in long_keys)


def test_common_fold_matches_the_fold_table():
    """The compact common folding (CJK ideographs by bitmap, punctuation and
    full-width pages) says exactly what fold() does for those code points."""
    from generator.search.fold import COMMON_PAGES, common_fold

    common = common_fold()
    cjk = common["cjk"]
    bits, targets = sh.unb64(cjk["bits"]), iter(cjk["to"])
    for cp in range(cjk["first"], cjk["last"] + 1):
        i = cp - cjk["first"]
        want = fold(chr(cp))
        got = next(targets) if sh.has_bit(bits, i) else chr(cp)
        assert got == want, hex(cp)
    assert next(targets, None) is None
    for page in COMMON_PAGES:
        table = common["pages"][str(page)]
        for cp in range(page << 8, (page + 1) << 8):
            assert table.get(chr(cp), chr(cp)) == fold(chr(cp)), hex(cp)
    assert common["pages"]["255"]["１"] == "1" and fold("產") == "产"


def test_word_postings_load_and_answer_in_lunr_py():
    index = Index.from_files(build(TRAP))

    def search(term: str) -> set[str]:
        serialized = index.query_index([term])
        assert serialized is not None and serialized["pipeline"] == []
        idx = LunrIndex.load(serialized)
        return {r["ref"] for r in idx.query(idx.create_query().term(term, use_pipeline=False))}

    assert search("集聚区") == {"0", "1", "2"}
    assert search("李庆贵") == {"3"}  # people field
    assert search("新乡市") == {"1"}  # city field
    assert index.query_index(["量子"]) is None
    assert "全力以赴" in index.shard("w", "全力")  # the word is in its pair's shard


def _stock_lunr_index(docs):
    """Stock lunr.py (English pipeline removed) over the generator's terms."""
    import lunr as lunr_py
    from generator.search.build import LUNR_FIELDS, _doc_terms

    builder = lunr_py.builder.Builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref("id")
    for name, boost in LUNR_FIELDS:
        builder.field(name, boost=boost)
    for ord_, d in enumerate(docs):
        terms = _doc_terms(d, *searchable(d))
        builder.add({"id": str(ord_), **{name: " ".join(t) for (name, _), t in zip(LUNR_FIELDS, terms)}})
    return builder.build()


def test_word_scores_are_lunr_py_scores():
    """The compact word postings carry the scores lunr.py's own Builder
    gives (BM25, field boosts), and lunr.py scores and matches a query over
    the index of just the query's words (what the browser gives lunr.js)
    exactly as over its full index."""
    docs = sorted(TRAP, key=lambda d: d.meta.id)
    full = _stock_lunr_index(docs)
    index = Index.from_files(build(docs))

    def run(idx, terms):
        query = idx.create_query()
        for term in terms:
            query.term(term, use_pipeline=False)
        return {r["ref"]: (round(r["score"], 2), sorted(r["match_data"].metadata)) for r in idx.query(query)}

    for terms in (["集聚区"], ["产业"], ["李庆贵"], ["安阳市"], ["144.3"], ["招商"],
                  ["集聚区", "建设"], ["产业", "招商", "李庆贵"], ["新乡市", "集聚区", "观摩"]):
        small = LunrIndex.load(index.query_index(terms))
        assert run(small, terms) == run(full, terms), terms


def test_every_word_is_in_the_shard_of_its_first_two_characters():
    sys.path.insert(0, str(ROOT))
    from benchmarks.corpus import synthetic_documents

    files = build(synthetic_documents(30, seed=5) + TRAP)
    index = Index.from_files(files)
    count = index.meta["shards"]["w"]
    seen = 0
    for f in files:
        if f.path.startswith("search/index/w/"):
            shard_no = int(f.path.rsplit("/", 1)[1].split(".")[0])
            for word in json.loads(f.content):
                assert sh.shard_of(word[:2], count) == shard_no, word
                seen += 1
    assert seen > 100 and "v" not in index.meta["shards"]
    assert sh.word_route("产业集聚区") == "产业" and sh.word_route("区") == "区" and sh.word_route("𠀀𠀁x") == "𠀀𠀁"


def _words_by_doc(docs):
    from generator.search.build import _doc_terms

    return [set().union(*_doc_terms(d, *searchable(d))) for d in docs]


def test_segmentation_is_longest_match_over_the_indexed_words():
    index = Index.from_files(build(TRAP))
    vocabulary = set().union(*_words_by_doc(sorted(TRAP, key=lambda d: d.meta.id)))
    assert {"产业集聚区", "产业", "集聚区", "建设"} <= vocabulary  # jieba search mode: sub-words too
    assert index.segment("产业集聚区建设") == ["产业集聚区", "建设"]
    assert index.segment("全力以赴招大商") == ["全力以赴", "招大商"]
    assert index.segment("全力招商") == ["全力", "招商"]
    # characters no indexed word starts with become one-character terms
    assert index.segment("量子产业") == ["量", "子", "产业"]
    assert index.segment("产") == ["产"]
    assert index.fuzzy_terms("產業集聚區 建设 产业") == ["产业集聚区", "建设", "产业"]

    def greedy(part):  # longest match against the vocabulary itself
        out, i = [], 0
        while i < len(part):
            best = max((w for w in vocabulary if len(w) >= 2 and part.startswith(w, i)), key=len, default=part[i])
            out.append(best)
            i += len(best)
        return out

    rng = random.Random(4)
    text = "".join(searchable(d)[1] for d in TRAP)
    for _ in range(60):
        start = rng.randrange(len(text) - 8)
        part = text[start:start + rng.randint(1, 8)]
        if part.strip() == part and part:
            assert index.segment(part) == greedy(part), part


def test_fuzzy_mode_selects_documents_with_most_words_and_ranks_as_lunr_py():
    """Documents with a majority of the query's words (all of one or two),
    ranked by words matched, then by the score stock lunr.py gives over the
    full index - the browser builds the same small index for lunr.js."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.corpus import synthetic_documents

    docs = sorted(synthetic_documents(80, seed=9) + TRAP, key=lambda d: d.meta.id)
    index = Index.from_files(build(docs))
    full = _stock_lunr_index(docs)
    doc_words = _words_by_doc(docs)
    partial = 0  # documents listed with some but not all of the words
    for query in ["产业集聚区建设", "全力以赴招大商 项目", "集聚区", "量子 招商引资 产业", "李庆贵 发展", "量子",
                  "产业 发展 项目 集聚区 量子"]:
        terms = index.fuzzy_terms(query)
        need = query_word_count(index.fuzzy_segments(query), lambda t: index.lookup("w", t) is not None) // 2 + 1
        matched = {o: sum(t in words for t in terms) for o, words in enumerate(doc_words)}
        want = {o for o, m in matched.items() if m >= need}
        got = index.fuzzy(query)
        assert {o for o, _, _ in got} == want, query
        assert all(m == matched[o] for o, m, _ in got)
        partial += sum(m < len(terms) for _, m, _ in got)
        q = full.create_query()
        for t in terms:
            q.term(t, use_pipeline=False)
        stock = {int(r["ref"]): r["score"] for r in full.query(q)}
        assert [(m, round(score, 9)) for _, m, score in got] == sorted(
            ((matched[o], round(stock[o], 9)) for o in want), key=lambda r: (-r[0], -r[1])), query
    assert partial > 0
    assert index.fuzzy("量子") == [] and index.fuzzy("  ") == []


def test_a_run_of_unknown_characters_counts_as_one_word_of_the_query():
    known = {"招商引资", "产业", "招"}.__contains__
    assert query_word_count([["量", "子", "招商引资", "产业"]], known) == 3
    assert query_word_count([["量", "子"], ["招商引资"], ["量", "子"]], known) == 2  # the same unknown word twice
    assert query_word_count([["量", "招", "子"]], known) == 3  # an indexed character splits the run
    assert query_word_count([["产业", "产业"], ["招商引资"]], known) == 2
    assert query_word_count([], known) == 0
    index = Index.from_files(build(TRAP))
    # 量子 is nowhere in the index: a majority of 3 words, not of 4 terms
    assert index.fuzzy_terms("量子 招大商 全力以赴") == ["量", "子", "招大商", "全力以赴"]
    assert {o for o, _, _ in index.fuzzy("量子 招大商 全力以赴")} == {3}


def test_word_index_builder_matches_stock_lunr_py():
    """The fast Builder subclass (pre-tokenised fields, no per-token copies)
    produces exactly the index stock lunr.py builds from the same terms."""
    from generator.search.build import _lunr_word_index

    docs = sorted(TRAP, key=lambda d: d.meta.id)
    folded = [searchable(d) for d in docs]
    assert _lunr_word_index(docs, folded).serialize() == _stock_lunr_index(docs).serialize()


def test_parallel_and_serial_builds_are_identical(monkeypatch):
    import importlib

    sys.path.insert(0, str(ROOT))
    from benchmarks.corpus import synthetic_documents

    build_mod = importlib.import_module("generator.search.build")
    docs = synthetic_documents(40, seed=11)
    monkeypatch.setattr(build_mod, "PARALLEL_MIN_DOCS", 1)
    forked = build(docs)
    monkeypatch.setenv("ARCHIVE_SEARCH_SERIAL", "1")
    serial = build(docs)
    assert [(f.path, f.content) for f in forked] == [(f.path, f.content) for f in serial]


# -- named fields, pinyin, punctuation, date order (issue 15) -----------------------

NAMED = [
    make_doc("n1", "市政府召开常务会议", "会议研究了当前工作。", city="郑州市", date="2016-03-02",
             source="郑州晚报", reporters=("王小明",), people=("丁巍",)),
    make_doc("n2", "招商工作会议", "全力以赴招大商。", city="安阳市", date="2016", people=("单雄信",)),
    make_doc("n3", "无日期材料", "郑州市的产业集聚区。", source="大河报"),
    make_doc("n4", "新乡动态", "产业发展。", city="新乡市", date="2015-12-31", reporters=("郑州",)),
]


def test_query_parts_split_on_quotes_and_punctuation():
    assert query_parts(fold('"产业"')) == ["产业"]
    assert query_parts(fold("“产业”，集聚区《报告》")) == ["产业", "集聚区", "报告"]
    assert query_parts(fold("＂产业＂；招商")) == ["产业", "招商"]
    # numbers, dates and decimals stay whole
    assert query_parts(fold("144.3亿元 1,000 12:30 2014-04-30")) == ["144.3亿元", "1,000", "12:30", "2014-04-30"]
    assert query_parts("a,b:c") == ["a", "b", "c"]
    index = Index.from_files(build(TRAP, min_docs=1))
    assert index.exact('"产业集聚区"') == index.exact("产业集聚区") == {0, 1, 2}


def test_sources_reporters_people_and_city_are_found_in_exact_mode():
    index = Index.from_files(build(NAMED, min_docs=1))
    assert index.exact("郑州晚报") == {0}  # the source: in no title or body
    assert index.exact("王小明") == {0}  # a reporter
    assert index.exact("丁巍") == {0}  # a person
    assert index.exact("新乡市") == {3}  # the city
    assert index.exact("郑州") == {0, 2, 3}  # city, body, a reporter named 郑州
    assert index.exact("郑州晚报 丁巍") == {0}
    assert index.exact("晚报会") == set()  # no gram crosses from one value to the next
    for q in ("郑州晚报", "王小明", "大河报 产业", "市", "报"):
        assert index.exact(q) == expected(NAMED, q), q


def test_the_text_file_names_the_fields_and_folds_their_characters():
    files = {f.path: json.loads(f.content) for f in build(NAMED + [make_doc("n5", "t", "b", source="鶴壁日報")])
             if f.path.startswith("search/index/t/")}
    meta_fields = ["city", "source", "reporter", "person"]
    first = files["search/index/t/0.json"]
    assert [[meta_fields[f], v] for f, v in first["fields"]] == [
        ["city", "郑州市"], ["source", "郑州晚报"], ["reporter", "王小明"], ["person", "丁巍"]]
    assert files["search/index/t/4.json"]["fold"]["鶴"] == "鹤"


def test_pinyin_of_names_is_built_at_generate_time():
    from generator.search.named_fields import pinyin_match, readings

    assert readings("郑州市", "city") == ["zheng zhou shi"]
    assert readings("Abc", "source") == []
    assert "shan xiong xin" in readings("单雄信", "person")  # the surname's other readings
    assert pinyin_match("zhengzhou", "zheng zhou shi") and pinyin_match("zz", "zheng zhou shi")
    assert pinyin_match("zzs", "zheng zhou shi") and not pinyin_match("z", "zheng zhou shi")
    assert not pinyin_match("zhou", "zheng zhou shi") and not pinyin_match("zz1", "zheng zhou shi")
    files = {f.path: f.content for f in build(NAMED)}
    meta = json.loads(files["search/index/meta.json"])
    assert meta["fields"] == ["city", "source", "reporter", "person"]
    assert meta["pinyin"] == "".join(sorted({p.rsplit("/", 1)[1][0] for p in files if "/y/" in p}))
    z = json.loads(files["search/index/y/z.json"])
    assert [0, "郑州市", "zheng zhou shi", sh.encode_varints([0])] in z
    assert all(reading.startswith("z") for _, _, reading, _ in z)


def test_pinyin_queries_find_cities_people_and_sources():
    index = Index.from_files(build(NAMED, min_docs=1))
    assert index.exact("zhengzhou") == {0, 3}  # city 郑州市, reporter 郑州
    assert index.exact("ZZ") == {0, 3}  # initials, folded to lower case
    assert index.exact("zzwb") == {0}  # source 郑州晚报
    assert index.exact("dingwei") == index.exact("dw") == {0}  # a person
    assert index.exact("shanxiongxin") == index.exact("sxx") == {1}
    assert index.exact("zz dw") == {0}
    assert index.exact("qz") == set()
    assert [(f, v) for f, v, _ in index.pinyin("zzwb")] == [("source", "郑州晚报")]
    # fuzzy mode: a pinyin part selects documents, the other parts are words
    assert {o for o, _, _ in index.fuzzy("zz")} == {0, 3}
    assert {o for o, _, _ in index.fuzzy("zz 会议")} == {0}
    assert {o for o, _, _ in index.fuzzy("anyang 招大商")} == {1}


def test_dates_sort_newest_or_oldest_first_undated_last():
    from generator.search.build import date_keys

    docs = sorted(NAMED, key=lambda d: d.meta.id)
    assert date_keys(docs) == [3, 2, 0, 1]  # 2016-03-02, 2016, none, 2015-12-31
    index = Index.from_files(build(NAMED))
    assert index.date_keys() == [3, 2, 0, 1]
    assert index.sort([2, 0, 1, 3], "new") == [0, 1, 3, 2]
    assert index.sort([2, 0, 1, 3], "old") == [3, 1, 0, 2]
    assert index.sort([2, 0, 1, 3], "") == [2, 0, 1, 3]
