"""The archive's GB/T 7714 entries against the official CSL styles.

The Chinese CSL community's styles for GB/T 7714—2025 and GB/T 7714—2015
(``tests/data/csl/``, see its README) are rendered with citeproc-py from the
archive's own CSL-JSON record of each document (what Zotero imports from the
page) and must give, character for character, the entry the page prints:
the same punctuation (full-width ``，`` ``（）`` in 2025, half-width in 2015),
the same order of elements, the same ``[N/OL]``/``[EB/OL]``.  The documents are
hand-made cases covering every branch of :mod:`generator.render.cite` and the
development part of the labelled corpus of real pages.

Two differences are the standard's own and are applied to the record before
it goes to the oracle, never to the archive's output: CSL has no way to print
an estimated date in square brackets (GB/T 7714 7.5.4.3 / 8.8.2: ``[2015]``),
so for an inferred date the bracketed year is compared as the bare year; and
a web page's creation date is left out when it is only inferred, so the
record's ``issued`` is not given to the style then.

One difference is citeproc-py's: it upper-cases a literal (organisation)
name in Latin script under the 2015 style's ``text-case="uppercase"`` for
family names, where citeproc-js (Zotero's processor) keeps a literal as
written — the style's own rendering of its reference list shows
``International Organization for Standardization`` unchanged.  Such a name
is restored in the oracle's output before comparing.
"""

from __future__ import annotations

import json
import sys
import warnings
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from archive_docs import make_doc
from generator.models import Document, Person
from generator.render import cite

citeproc = pytest.importorskip("citeproc")
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter  # noqa: E402
from citeproc.source.json import CiteProcJSON  # noqa: E402

CSL = Path(__file__).resolve().parent / "data" / "csl"
STYLES = {"2025": CSL / "gb-t-7714-2025-numeric-bilingual.csl", "2015": CSL / "gb-t-7714-2015-numeric-bilingual.csl"}
SITE = "https://example.org/henan/"
ACCESSED = "2026-12-03"
_CSL_DATA = jsonschema.Draft7Validator(json.loads((CSL / "csl-data.json").read_text(encoding="utf-8")))

CASES = [
    make_doc("n1", "产业集聚区建设推进会召开", date="2014-04-30", source="安阳日报", source_page="第01版",
             reporters=("王明", "李华")),
    make_doc("n2", "标题", date="2015-03-02", source="河南日报", source_page="A02", reporters=("甲", "乙", "丙", "丁")),
    make_doc("n3", "招商引资再创新高", subtitle="全年签约项目一百个", date="2016-05", source="郑州晚报"),
    make_doc("n4", "报纸推断年份", date="2015", inferred=("date",), source="洛阳日报", reporters=("赵一",)),
    make_doc("w1", "招商引资", date="2016-05-03", source="大河网"),
    make_doc("w2", "网页推断日期", date="2017-01", inferred=("date",), source="新乡网", reporters=("钱二", "孙三")),
    make_doc("w3", "无来源无日期"),
    make_doc("w4", "报纸无日期", source="安阳日报", reporters=("李四",)),
    make_doc("s1", "在全市会议上的讲话", date="2015-03-01", doc_type="speech", people=(Person("谢玉安", "市委书记"),)),
    make_doc("s2", "两人讲话", date="2013-11-12", doc_type="speech", source="焦作市人民政府网",
             people=(Person("甲", "市长"), Person("乙", "书记"))),
]


def _oracle_item(doc: Document) -> dict:
    item = dict(cite.csl_item(doc, SITE))
    item["accessed"] = {"date-parts": [[int(p) for p in ACCESSED.split("-")]]}
    if doc.meta.is_inferred("date"):
        item.pop("circa", None)
        if item["type"] == "webpage":
            item.pop("issued", None)
        else:
            item["issued"] = {"date-parts": item["issued"]["date-parts"]}
    return item


def render(docs: list[Document], edition: str) -> dict[str, str]:
    """id -> the official style's bibliography entry, without its [n] label."""
    items = [_oracle_item(doc) for doc in docs]
    style = CitationStylesStyle(str(STYLES[edition]), validate=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py names CSL features it does not use
        bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        entries = [str(entry) for entry in bibliography.bibliography()]
    by_id = {item["id"]: item for item in items}
    out = {}
    for cited, entry in zip(bibliography.items, entries):
        number = f"[{len(out) + 1}]"
        assert entry.startswith(number), entry
        entry = entry[len(number):]
        for name in by_id[cited.reference.key].get("author", []):
            entry = entry.replace(name["literal"].upper(), name["literal"])
        out[cited.reference.key] = entry
    return out


def archive(doc: Document, edition: str) -> str:
    text = cite.gbt7714(doc, SITE, edition).replace(cite.CITE_DATE, ACCESSED)
    if doc.meta.is_inferred("date") and doc.meta.date:
        text = text.replace(f"[{doc.meta.date}]", doc.meta.date)
    return text


def _dev_documents() -> list[Document]:
    sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus"))
    import evaluate

    return [Document(cleaned, meta) for _, cleaned, meta in evaluate.built("dev").values()]


@pytest.mark.parametrize("edition", sorted(STYLES))
def test_hand_made_cases_agree_with_the_official_style(edition):
    rendered = render(CASES, edition)
    for doc in CASES:
        assert archive(doc, edition) == rendered[cite.bibtex_key(doc.meta)], doc.meta.id


@pytest.mark.slow
@pytest.mark.parametrize("edition", sorted(STYLES))
def test_real_pages_agree_with_the_official_style(edition):
    docs = _dev_documents()
    assert len(docs) >= 100
    rendered = render(docs, edition)
    wrong = [(archive(doc, edition), rendered[cite.bibtex_key(doc.meta)]) for doc in docs
             if archive(doc, edition) != rendered[cite.bibtex_key(doc.meta)]]
    assert not wrong, "\n".join(f"archive: {a}\nstyle:   {b}" for a, b in wrong[:5])


def test_2025_punctuation_is_full_width_except_stop_and_brackets():
    doc = CASES[0]
    text = cite.gbt7714(doc, SITE, "2025")
    assert "王明，李华. " in text and "安阳日报，2014-04-30（1）. " in text
    assert "," not in text.replace(SITE, "") and "(" not in text
    assert cite.gbt7714(doc, SITE, "2015").startswith("王明, 李华. ")


_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_text = st.text(_HAN, min_size=1, max_size=12)


@st.composite
def _documents(draw):
    day = draw(st.dates(min_value=date(2010, 1, 1), max_value=date(2026, 12, 31))).isoformat()
    when = draw(st.sampled_from([None, day[:4], day[:7], day]))
    newspaper = draw(st.booleans())
    source = draw(_text) + "日报" if newspaper else draw(st.one_of(st.none(), _text.map(lambda t: t + "网")))
    page = draw(st.sampled_from([None, "第01版", "A02", "12"])) if newspaper else None
    inferred = ("date",) if when and draw(st.booleans()) else ()
    subtitle = draw(st.one_of(st.none(), _text))
    return make_doc("h", draw(_text), subtitle=subtitle, date=when, source=source, source_page=page,
                    reporters=tuple(draw(st.lists(_text, max_size=5, unique=True))), inferred=inferred)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=_documents(), edition=st.sampled_from(sorted(STYLES)))
def test_generated_documents_agree_with_the_official_style(doc, edition):
    assert archive(doc, edition) == render([doc], edition)[cite.bibtex_key(doc.meta)]
    assert list(_CSL_DATA.iter_errors(json.loads(cite.csl_json(doc, SITE)))) == []
