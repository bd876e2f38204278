"""Browse, cite, download — as a reader does it, in Chromium.

One extra session build (``browse_site``): the repo's seeds plus two
documents about 安阳市 whose titles are hostile (``<script>…`` and Markdown
syntax), served under a GitHub-Pages-like subpath ``/repo/``.  The titles are
set by curator sidecars (``<name>.yaml``), the archivist's own path, so the
test does not depend on how the extractor reads a headline.  Expectations are read from the
site's own ``data/metadata.json`` rather than hard-coded, so they follow the
extractor as it improves.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections import deque
from urllib.parse import urljoin, urlparse

import pytest

from conftest import built_project, serve_directory

pytestmark = pytest.mark.browser

XSS_TITLE = "<script>alert(1)</script>"
MD_TITLE = "*bold* [x](y)"
EXTRA_SEEDS = {
    "100_aaaaaaaaaaaaaaaa.txt": "2016年05月03日 来源：安阳日报\n本报讯（记者 王明）5月2日，安阳市产业集聚区建设推进会召开。市长马林青出席会议并讲话。\n会议指出，要加快重点项目建设，强化招商引资。\n",
    "101_bbbbbbbbbbbbbbbb.txt": "2017年06月10日 来源：安阳日报\n本报讯（记者 李华）6月9日，安阳市召开招商引资工作会议，研究部署产业集聚区发展。\n会议强调，要以项目为抓手，推动产业集聚区提质发展。\n",
}
TITLES = {"100_aaaaaaaaaaaaaaaa": XSS_TITLE, "101_bbbbbbbbbbbbbbbb": MD_TITLE}



@pytest.fixture(scope="session")
def browse_site(tmp_path_factory):
    return built_project(tmp_path_factory.mktemp("browse-site"), EXTRA_SEEDS, TITLES, "https://user.github.io/repo/")


@pytest.fixture(scope="session")
def browse_server(browse_site):
    server = serve_directory(browse_site.site, prefix="repo/")
    yield server
    server.httpd.shutdown()


@pytest.fixture(scope="session")
def records(browse_site):
    return json.loads((browse_site.site / "data" / "metadata.json").read_text(encoding="utf-8"))


def _doc_url(server, record) -> str:
    return server.url(f"archive/{(record['date'] or 'undated')[:4] if record['date'] else 'undated'}/{record['id']}/")


def heading(page) -> str:
    """The page's h1 without the ¶ permalink anchor."""
    return page.locator("article h1").inner_text().removesuffix("¶").strip()


def _chronological(records):
    return sorted(records, key=lambda r: (0 if r["date"] else 1, r["date"] or "", r["id"]))


def test_home_to_document_by_city_then_year(browse_server, records, page):
    target = next(r for r in _chronological(records) if r["city"] == "安阳市" and r["date"])
    page.goto(browse_server.url(), wait_until="networkidle")
    page.locator(".archive-matrix a", has_text="安阳市").first.click()
    page.wait_for_url("**/cities/anyang/")
    page.locator("article a", has_text=f"{target['date'][:4]}年").first.click()
    page.locator("article table a", has_text=target["title"]).first.click()
    page.wait_for_url(f"**/{target['id']}/")
    assert heading(page) == target["title"]
    assert page.watch.console_errors == []


def test_map_city_leads_to_its_documents(browse_server, records, page):
    anyang = [r for r in records if r["city"] == "安阳市"]
    page.goto(browse_server.url("cities/"), wait_until="networkidle")
    page.locator('svg.archive-map a[data-city="anyang"]').click()
    page.wait_for_url("**/cities/anyang/")
    links = page.locator("article table a").all_inner_texts()
    assert sorted(links) == sorted(r["title"] for r in anyang)
    page.locator("article table a").first.click()
    assert "安阳市" in page.locator("dl.archive-meta").inner_text()


def test_prev_next_stay_in_the_city(browse_server, records, page):
    anyang = [r for r in _chronological(records) if r["city"] == "安阳市"]
    assert len(anyang) >= 3
    page.goto(_doc_url(browse_server, anyang[0]), wait_until="networkidle")
    seen = [heading(page)]
    for _ in anyang[1:]:
        page.locator(".archive-docnav li", has_text="同城").locator("a.archive-next").click()
        page.wait_for_load_state("networkidle")
        seen.append(heading(page))
        assert "安阳市" in page.locator("dl.archive-meta").inner_text()
    assert seen == [r["title"] for r in anyang]
    assert page.locator(".archive-docnav li", has_text="同城").locator("a.archive-next").count() == 0


def test_csv_download_has_one_row_per_document(browse_site, browse_server, records, page):
    page.goto(browse_server.url(), wait_until="networkidle")
    page.locator("article a", has_text="数据下载").first.click()
    page.wait_for_url("**/data/")
    with page.expect_download() as info:
        page.locator("article a", has_text="metadata.csv").click()
    text = open(info.value.path(), encoding="utf-8-sig").read()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(records) == len(list(browse_site.seeds.glob("*.txt")))
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    assert next(r for r in rows if r["id"] == "100_aaaaaaaaaaaaaaaa")["title"] == XSS_TITLE


def test_feed_and_jsonld_parse(browse_server, records, page):
    feed = page.request.get(browse_server.url("feed.xml"))
    root = ET.fromstring(feed.body())
    entries = root.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == sum(1 for r in records if r["date"])
    assert all(e.find("{http://www.w3.org/2005/Atom}link").get("href").startswith("https://user.github.io/repo/archive/") for e in entries)
    record = next(r for r in records if r["id"] == "100_aaaaaaaaaaaaaaaa")
    page.goto(_doc_url(browse_server, record), wait_until="networkidle")
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["name"] == XSS_TITLE and data["url"] == "https://user.github.io/repo/" + f"archive/{record['date'][:4]}/{record['id']}/"
    assert page.locator('meta[property="og:title"]').get_attribute("content") == XSS_TITLE
    sitemap = ET.fromstring(page.request.get(browse_server.url("sitemap.xml")).body())
    locs = [u.text for u in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs and all(l.startswith("https://user.github.io/repo/") for l in locs)


def test_hostile_titles_are_shown_literally(browse_server, records, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for doc_id, title in TITLES.items():
        record = next(r for r in records if r["id"] == doc_id)
        page.goto(_doc_url(browse_server, record), wait_until="networkidle")
        assert heading(page) == title
        assert title in page.title()
        assert page.locator("article em").count() == 0
        cite = page.locator('pre[data-cite="gbt7714-2025"]').inner_text()
        assert title in cite and ("[N/OL]" in cite or "[EB/OL]" in cite)
    page.goto(browse_server.url("cities/anyang/"), wait_until="networkidle")
    assert page.locator("article table a", has_text=XSS_TITLE).count() == 1
    page.goto(browse_server.url(), wait_until="networkidle")
    assert dialogs == []
    assert page.watch.console_errors == []


def test_every_seed_reachable_from_home(seed_site, seed_server, page):
    records = json.loads((seed_site.site / "data" / "metadata.json").read_text(encoding="utf-8"))
    wanted = {urlparse(_doc_url(seed_server, r)).path: r["title"] for r in records}
    assert len(wanted) == len([p for p in seed_site.seeds.iterdir() if p.suffix == ".txt"])
    base = urlparse(seed_server.base_url)
    skip = ("/people/", "/topics/", "/sources/", "/raw/", "/data/", "/search/", "/assets/", "/archive/")
    queue, seen, found = deque([seed_server.url()]), set(), set()
    while queue and len(seen) < 200:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        page.goto(url)
        for href in page.locator("article a[href], nav a[href]").evaluate_all("els => els.map(e => e.href)"):
            target = urljoin(url, href).split("#")[0]
            parsed = urlparse(target)
            if parsed.netloc != base.netloc:
                continue
            if parsed.path in wanted:
                found.add(parsed.path)
            elif not any(s in parsed.path for s in skip) and target not in seen and target.endswith("/"):
                queue.append(target)
    assert found == set(wanted)
    for path, title in wanted.items():
        page.goto(urljoin(seed_server.base_url, path))
        assert heading(page) == title


def _meta(page, name: str) -> list[str]:
    return page.locator(f'head meta[name="{name}"]').evaluate_all("els => els.map(e => e.getAttribute('content'))")


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}])
def test_citation_meta_and_records_let_a_reference_manager_save_the_page(browse_server, records, page, viewport):
    """What Zotero reads from a document page: Highwire citation_* tags in
    <head> (the hostile title kept as text) and the CSL-JSON and RIS records
    linked from 引用, which describe the same document."""
    page.set_viewport_size(viewport)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    record = next(r for r in records if r["id"] == "100_aaaaaaaaaaaaaaaa")
    url = f"https://user.github.io/repo/archive/{record['date'][:4]}/{record['id']}/"
    page.goto(_doc_url(browse_server, record), wait_until="networkidle")
    assert _meta(page, "citation_title") == [XSS_TITLE]
    assert _meta(page, "citation_author") == record["reporters"] and record["reporters"]
    assert _meta(page, "citation_journal_title") == [record["source"]] == ["安阳日报"]
    assert _meta(page, "citation_publication_date") == [record["date"].replace("-", "/")]
    assert _meta(page, "citation_language") == ["zh"] and _meta(page, "citation_public_url") == [url]
    assert _meta(page, "citation_pdf_url") == []
    assert page.locator("head script:not([src]):not([type])").count() == 0  # the title made no script
    links = {}
    for label in ("CSL-JSON", "RIS"):
        link = page.locator("article a.archive-cite-record", has_text=label)
        link.scroll_into_view_if_needed()
        assert link.is_visible()
        with page.expect_download() as info:
            link.click()
        links[label] = open(info.value.path(), encoding="utf-8", newline="").read()
    [item] = json.loads(links["CSL-JSON"])
    assert item["type"] == "article-newspaper" and item["title"] == XSS_TITLE and item["URL"] == url
    assert item["container-title"] == "安阳日报" and [a["literal"] for a in item["author"]] == record["reporters"]
    ris = links["RIS"].split("\r\n")
    assert ris[0] == "TY  - NEWS" and f"TI  - {XSS_TITLE}" in ris and f"UR  - {url}" in ris and ris[-2] == "ER  - "
    assert dialogs == [] and page.watch.console_errors == []


def test_listing_pages_carry_no_citation_meta(browse_server, page):
    page.goto(browse_server.url("cities/anyang/"), wait_until="networkidle")
    assert page.locator('head meta[name^="citation_"]').count() == 0
