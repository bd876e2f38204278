"""Document pages: metadata panel, escaping, prev/next, citation, record."""

from __future__ import annotations

import markdown
import pytest

from archive_docs import corpus, make_doc
from generator.config import Settings
from generator.models import Block, Edit, Person
from generator.paths import format_date
from generator.render.page import inline, render_pages

EXTENSIONS = ["md_in_html", "attr_list", "pymdownx.escapeall", "tables", "admonition", "pymdownx.details", "toc"]


def to_html(md_text: str) -> str:
    body = md_text.split("\n---\n", 1)[1] if md_text.startswith("---\n") else md_text
    return markdown.markdown(body, extensions=EXTENSIONS)


def page_of(docs, doc_id, settings=None):
    files = {f.path: f.content.decode() for f in render_pages(docs, settings or Settings())}
    doc = next(d for d in docs if d.meta.id == doc_id)
    return files[doc.md_path]


@pytest.mark.parametrize("date,precision,inferred,expected", [
    ("2014-04-30", "day", False, "2014年4月30日"),
    ("2014-04", "month", False, "2014年4月"),
    ("2015", "year", True, "约2015年（推断）"),
    (None, None, False, "日期不详"),
])
def test_format_date(date, precision, inferred, expected):
    doc = make_doc("x", date=date, precision=precision, inferred=("date",) if inferred else ())
    assert format_date(doc.meta) == expected


def test_metadata_panel_links_every_facet():
    docs = corpus()
    page = page_of(docs, "a1")
    for target in ("../../cities/anyang/index.md", "../../years/2014/index.md", "../../years/2014/04.md",
                   "../../sources/s-", "../../people/p-", "../../topics/t-", "../../raw/a1.txt"):
        assert target in page, target
    assert "王明、李华" in page and "新闻报道" in page and "第01版" in page


def test_inferred_date_and_speech_type():
    page = page_of(corpus(), "a3")
    assert "约2015年（推断）" in page and "讲话" in page


def test_prev_next_within_city_and_year():
    page = page_of(corpus(), "a2")
    html = to_html(page)
    # a1 (2014-04-30) < a2 (2014-06) < a3 (2015): a2 has both neighbours in 安阳市
    assert 'href="a1.md"' in html and 'href="../2015/a3.md"' in html
    assert "同城" in html and "同年" in html
    # The only 2014 neighbour of a2 is a1: no link to the 2013 document.
    assert "z1.md" not in html


def test_untrusted_text_is_inert():
    evil = "<script>alert(1)</script> *bold* [x](y) {#id} </dd></dl>"
    doc = make_doc("e1", evil, subtitle=evil, city=evil, source=evil, reporters=(evil,), people=(Person(evil, evil),),
                   keywords=(evil,), summary=evil,
                   blocks=(Block("heading", evil, level=2), Block("paragraph", evil), Block("quote", evil, attribution=evil)),
                   record=(Edit("removed", "chrome.x", evil, evil, 3, evil),))
    html = to_html(page_of([doc], "e1"))
    assert "<script>" not in html and "<em>" not in html and 'href="y"' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "*bold* [x](y)" in html  # shown literally
    assert html.count("</dl>") == 1


def test_citation_block_and_record():
    doc = make_doc("c1", "标题<b>", date="2014-04-30", source="安阳日报", source_page="第01版", reporters=("王明",),
                   record=(Edit("changed", "typo.fix", "a<b", "a&b", 2, "全角"),))
    page = page_of([doc], "c1", Settings(site_url="https://user.github.io/repo/"))
    html = to_html(page)
    assert "王明. 标题&lt;b&gt;[N/OL]. 安阳日报，2014-04-30（1）. https://user.github.io/repo/archive/2014/c1/." in html
    assert '<a class="archive-cite-record" download="c1.json" href="../../cite/c1.json">CSL-JSON</a>' in html
    assert '<a class="archive-cite-record" download="c1.ris" href="../../cite/c1.ris">RIS</a>' in html
    assert 'data-cite="gbt7714-2015"' in html and 'data-cite="bibtex"' in html and "@article{henan:c1," in html
    assert "整理记录（1 处）" in html and "a&lt;b" in html and "a&amp;b" in html
    assert "测试版权说明" in html
    assert '<h2 id="cite">' in html


def test_headings_feed_the_toc():
    doc = make_doc("t1", blocks=(Block("heading", "一、总体要求", level=2), Block("paragraph", "x"),
                                 Block("heading", "二、重点任务", level=3)))
    html = to_html(page_of([doc], "t1"))
    assert "<h2" in html and "<h3" in html


def test_inline_escapes():
    assert inline("<a>&") == "&lt;a&gt;&amp;"
    assert inline("*x*") == r"\*x\*"
