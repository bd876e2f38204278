"""同文异源 as a reader meets it, in Chromium at desktop and phone widths: a
search finds a republished text once with its count, and each copy's page
lists the other outlet with a working link."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import built_project, serve_directory

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from test_reposts import BASE, CORPUS, body_of, traditional_repost  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def repost_site(tmp_path_factory):
    seeds = {"r1.txt": (CORPUS / BASE).read_text(encoding="utf-8"), "r2.txt": traditional_repost(body_of(BASE))}
    project = built_project(tmp_path_factory.mktemp("repost-site"), seeds, {}, "https://example.github.io/repo/")
    server = serve_directory(project.site, prefix="repo/")
    yield project, server
    server.httpd.shutdown()


@pytest.mark.parametrize("width,height", [(1280, 900), (390, 844)])
def test_search_shows_the_text_once_and_its_page_lists_the_other_copy(repost_site, page, width, height):
    _project, server = repost_site
    page.set_viewport_size({"width": width, "height": height})
    page.goto(server.url("search/?q=项目签约仪式&mode=exact"))
    page.wait_for_selector("html[data-search-state=done]")
    results = page.locator(".archive-search__result")
    titles = [t for t in results.locator("h3").all_inner_texts()]
    assert sum("清明文化" in t for t in titles) == 1, titles  # r1 and r2 are one text
    badge = results.locator(".archive-reposts")
    assert badge.count() == 1 and badge.first.inner_text() == "同文异源×2"
    assert badge.first.is_visible()

    page.locator(".archive-search__result", has=page.locator(".archive-reposts")).locator("h3 a").first.click()
    page.wait_for_load_state()
    note = page.locator(".admonition", has_text="同文异源")
    assert note.is_visible() and "此文另见 1 处" in note.inner_text()
    note.locator("a").first.click()
    page.wait_for_load_state()
    back = page.locator(".admonition", has_text="同文异源")
    assert back.is_visible() and "此文另见 1 处" in back.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing cut off at phone width
    assert not page.watch.console_errors
