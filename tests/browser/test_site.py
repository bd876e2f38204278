"""The site as a reader meets it: served on 127.0.0.1, driven in Chromium."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
import yaml

pytestmark = pytest.mark.browser


def _foreign(server, urls):
    origin = urlparse(server.base_url).netloc
    return [u for u in urls if urlparse(u).scheme not in ("data", "blob", "about") and urlparse(u).netloc != origin]


def _documents(project) -> list[dict]:
    """Front matter of every generated document page, with its URL."""
    docs = []
    for md in sorted(project.docs.glob("archive/*/*.md")):
        text = md.read_text(encoding="utf-8")
        meta = yaml.safe_load(text[4:text.index("\n---\n", 4)])
        meta["url"] = md.relative_to(project.docs).with_suffix("").as_posix() + "/"
        docs.append(meta)
    return docs


def test_home_page_loads_without_errors_or_foreign_requests(seed_server, page):
    page.goto(seed_server.url(), wait_until="networkidle")
    assert "档案" in page.title()
    assert page.watch.console_errors == []
    assert _foreign(seed_server, page.watch.requests) == [], "requests left the site"


def test_nav_has_the_index_pages(seed_server, page):
    page.goto(seed_server.url(), wait_until="domcontentloaded")
    for name in ("首页", "按城市", "按年份", "搜索", "关于"):
        assert page.get_by_role("link", name=name, exact=True).count() >= 1, name


def _links(page) -> list[tuple[str, str, str]]:
    """(href attribute, absolute URL, text) of every link in the page body."""
    return page.eval_on_selector_all(
        "article a[href]",
        "els => els.filter(e => !(e instanceof SVGElement)).map(e => "
        "[e.getAttribute('href'), new URL(e.getAttribute('href'), location.href).href, e.textContent.trim()])",
    )


def _click(page, href: str) -> None:
    page.locator(f'article a[href="{href}"]:not(svg a)').first.click()


def _reach(page, server, doc) -> None:
    """From the home page, click 按城市, then (if the city index lists cities
    rather than documents) the document's city, then the document."""
    target = server.url(doc["url"])
    page.goto(server.url(), wait_until="domcontentloaded")
    page.get_by_role("link", name="按城市", exact=True).first.click()
    page.wait_for_url(re.compile(r"/cities/$"))
    index_url = page.url
    direct = [href for href, url, _ in _links(page) if url == target]
    if direct:
        _click(page, direct[0])
        return
    cities = {}
    for href, url, text in _links(page):
        if url.startswith(index_url) and url != index_url and url not in cities.values():
            cities[href] = url
    # The document's own city first, then every other.
    order = sorted(cities, key=lambda h: next((0 for _, u, t in _links(page) if u == cities[h] and doc.get("city") and t.startswith(doc["city"])), 1))
    for href in order:
        _click(page, href)
        page.wait_for_url(cities[href])
        found = [h for h, url, _ in _links(page) if url == target]
        if found:
            _click(page, found[0])
            return
        page.go_back()
        page.wait_for_url(index_url)
    pytest.fail(f"{doc['id']} is not reachable from 按城市")


def test_every_document_is_reached_by_clicking_from_the_home_page(seed_site, seed_server, page):
    documents = _documents(seed_site)
    assert len(documents) == len(list(seed_site.seeds.glob("*.txt")))
    for doc in documents:
        _reach(page, seed_server, doc)
        page.wait_for_url(seed_server.url(doc["url"]))
        heading = page.locator("article h1").first.inner_text()
        assert heading.replace("¶", "").strip() == doc["title"]
        assert page.title().startswith(doc["title"])
    assert page.watch.console_errors == []
    assert _foreign(seed_server, page.watch.requests) == []


def test_dark_palette_toggle(seed_server, page):
    page.goto(seed_server.url(), wait_until="domcontentloaded")
    scheme = lambda: page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    first = scheme()
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert scheme() != first
    assert {first, scheme()} == {"default", "slate"}
