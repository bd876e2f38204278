"""Browse pages: cities, years, people, sources, topics, home; pagination;
every generated link resolves."""

from __future__ import annotations

import posixpath
import re

from archive_docs import corpus, make_doc, settings_for
from generator.listings import pages as listings
from generator.config import Settings
from generator.export import build_exports
from generator.render.page import render_pages

HAND_WRITTEN = {"index.md", "about.md", "search/index.md"}
LINK = re.compile(r"\]\(([^)\s]+)\)")
ANCHOR = re.compile(r"\{#([\w-]+)\}")


def generate(docs, tmp):
    """All generated files; the seeds (for raw/) are written to ``tmp``."""
    settings = settings_for(tmp)
    settings.seeds_dir.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        (settings.seeds_dir / doc.meta.raw_file).write_text(doc.cleaned.raw.text, encoding="utf-8")
    files = render_pages(docs, settings) + listings.build_listings(docs, settings) + build_exports(docs, settings)
    return {f.path: f.content for f in files}


def check_links(files: dict[str, bytes]) -> int:
    checked = 0
    for path, content in files.items():
        if not path.endswith(".md"):
            continue
        base = "" if path == listings.HOME_SNIPPET else posixpath.dirname(path)
        for target in LINK.findall(content.decode()):
            target_path, _, anchor = target.partition("#")
            resolved = posixpath.normpath(posixpath.join(base, target_path))
            assert resolved in files or resolved in HAND_WRITTEN, f"{path}: broken link {target}"
            if anchor:
                assert f"{{#{anchor}}}" in files[resolved].decode(), f"{path}: missing anchor {target}"
            checked += 1
    return checked


def test_every_link_resolves(tmp_path):
    files = generate(corpus(), tmp_path)
    assert check_links(files) > 50


def test_buckets_and_overviews(tmp_path):
    files = generate(corpus(), tmp_path)
    for path in ("cities/index.md", "cities/anyang/index.md", "cities/zhengzhou/index.md", "cities/unknown/index.md",
                 "cities/luoyang/index.md", "years/index.md", "years/2014/index.md", "years/2014/04.md",
                 "years/2014/06.md", "years/undated/index.md", "people/index.md", "sources/index.md", "topics/index.md"):
        assert path in files, path
    cities = files["cities/index.md"].decode()
    assert '<svg class="archive-map"' in cities and 'href="anyang/"' in cities
    years = files["years/index.md"].decode()
    assert '<svg class="archive-timeline"' in years and 'href="2014/06/"' in years
    anyang = files["cities/anyang/index.md"].decode()
    # grouped by year, oldest first; the year-only 2015 document is in its own section
    assert anyang.index("{#y2014}") < anyang.index("{#y2015}")
    assert anyang.index("安阳一") < anyang.index("安阳二")
    year2015 = files["years/2015/index.md"].decode()
    assert "月份不详" in year2015 and "{#m00}" in year2015


def test_people_sources_topics(tmp_path):
    files = generate(corpus(), tmp_path)
    people = files["people/index.md"].decode()
    assert "马林青" in people and "市长" in people
    person = next(p for p in files if p.startswith("people/p-") and "马林青" in files[p].decode().split("\n---\n")[0])
    text = files[person].decode()
    assert "安阳一" in text and "安阳二" in text and "安阳三" not in text


def test_home_snippet(tmp_path):
    home = generate(corpus(), tmp_path)[listings.HOME_SNIPPET].decode()
    assert '<form class="archive-searchbox" action="search/" method="get"' in home and 'name="q"' in home
    assert "**6** 篇文献" in home
    assert "[1](cities/anyang/index.md#y2015)" in home
    assert "[1](cities/unknown/index.md#y2016)" in home
    assert "[1](cities/luoyang/index.md#undated)" in home


def test_pagination_splits_long_listings(monkeypatch, tmp_path):
    monkeypatch.setattr(listings, "PAGE_SIZE", 3)
    docs = [make_doc(f"d{i:02d}", f"文献{i}", date=f"{2013 + i // 4}-0{1 + i % 4}-01", city="郑州市") for i in range(10)]
    files = generate(docs, tmp_path)
    assert {"cities/zhengzhou/index.md", "cities/zhengzhou/page-2.md", "cities/zhengzhou/page-4.md"} <= set(files)
    assert "cities/zhengzhou/page-5.md" not in files
    page2 = files["cities/zhengzhou/page-2.md"].decode()
    assert "第 2 页，共 4 页" in page2 and "[← 上一页](index.md)" in page2
    assert page2.count("](../../archive/") == 3
    # the matrix and the year jumps point at the page where a year starts
    home = files[listings.HOME_SNIPPET].decode()
    assert "cities/zhengzhou/page-2.md#y2014" in home
    check_links(files)


def test_scale_no_page_lists_everything():
    docs = [make_doc(f"s{i:04d}", f"文献{i}", date=f"{2013 + i % 10}-{1 + i % 12:02d}-01", city="郑州市" if i % 3 else "开封市",
                     keywords=(f"词{i % 50}",)) for i in range(1200)]
    files = listings.build_listings(docs, Settings())
    biggest = max(f.content.count(b"](") for f in files)
    assert biggest < 400, biggest


def test_a_person_page_shows_a_career_line(tmp_path):
    from generator.models import Person

    docs = [
        make_doc("c1", "甲一", date="2013-05-02", city="安阳市", people=(Person("王某某", "副市长"),)),
        make_doc("c2", "甲二", date="2015-03-01", city="安阳市", people=(Person("王某某", "市长"),)),
        make_doc("c3", "甲三", date="2014-07-09", city="安阳市", people=(Person("王某某", "副市长"),)),
        make_doc("c4", "甲四", date="2016-10-20", city="安阳市", people=(Person("王某某", "市长"),)),
        make_doc("c5", "甲五", city="安阳市", people=(Person("王某某", ""),)),  # undated, no title
    ]
    files = generate(docs, tmp_path)
    person = next(p for p in files if p.startswith("people/p-") and "王某某" in files[p].decode())
    text = files[person].decode()
    rows = [l for l in text.splitlines() if l.startswith("| 副市长") or l.startswith("| 市长")]
    # earliest title first; each with its first and last dated document, linked
    assert rows[0].startswith("| 副市长 | [2013年5月2日](") and "c1.md)" in rows[0] and "[2014年7月9日](" in rows[0]
    assert rows[0].endswith("| 2 |")
    assert rows[1].startswith("| 市长 | [2015年3月1日](") and "[2016年10月20日](" in rows[1]
    index = files["people/index.md"].decode()
    row = next(l for l in index.splitlines() if "王某某" in l)
    assert row.endswith("| 副市长；市长 |") or row.endswith("| 市长；副市长 |")  # never an empty title
