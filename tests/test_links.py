"""Link check over every page of a built site: each internal href/src
(relative, root-relative, or absolute under site_url) must name a file the
site has, and each #fragment an id (or <a name>) in the page it points to.

Only the standard library parses the HTML.  Built twice: as the tests build
it (no site_url) and as CI publishes it under a project subpath
(site_url https://example.github.io/repo/), where a root-relative link that
forgets the subpath breaks.
"""

from __future__ import annotations

import re

import html.parser
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import make_project

pytestmark = pytest.mark.slow

# (tag, attribute) pairs that name a resource or a link.
URL_ATTRS = {
    ("a", "href"), ("area", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
    ("source", "src"), ("video", "src"), ("video", "poster"), ("audio", "src"), ("track", "src"),
    ("iframe", "src"), ("embed", "src"), ("object", "data"), ("form", "action"), ("use", "href"),
    ("image", "href"), ("a", "xlink:href"), ("use", "xlink:href"), ("image", "xlink:href"),
}
SRCSET_TAGS = {"img", "source"}
PAGES_ORIGIN = "https://example.github.io"


@dataclass
class PageLinks:
    ids: set[str] = field(default_factory=set)
    urls: list[tuple[int, str, str]] = field(default_factory=list)  # (line, tag, url)


class _Collector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = PageLinks()

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.page.ids.add(value)
            if (tag, name) in URL_ATTRS:
                self.page.urls.append((line, tag, value))
            elif tag in SRCSET_TAGS and name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.page.urls.append((line, tag, candidate.split()[0]))

    handle_startendtag = handle_starttag


def parse_page(path: Path) -> PageLinks:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return collector.page


def page_url(site: Path, path: Path, base_path: str) -> str:
    """The URL path a page is served at (directory URLs for index.html)."""
    rel = path.relative_to(site).as_posix()
    if rel == "index.html":
        rel = ""
    elif rel.endswith("/index.html"):
        rel = rel[: -len("index.html")]
    return base_path + rel


def target_file(site: Path, url_path: str, base_path: str) -> Path | None:
    """The file a static server (GitHub Pages) answers ``url_path`` with."""
    if not url_path.startswith(base_path):
        return None
    rel = unquote(url_path[len(base_path):])
    if any(part == ".." for part in rel.split("/")):
        return None
    candidate = site / rel
    if rel == "" or rel.endswith("/"):
        candidate = candidate / "index.html"
    elif candidate.is_dir():
        candidate = candidate / "index.html"  # the server redirects to the directory URL
    return candidate if candidate.is_file() else None


def broken_links(site: Path, site_url: str = "") -> list[str]:
    """Every internal link of every HTML page under ``site`` that names a
    missing file or a missing #fragment, as "page:line <tag> url (why)"."""
    parts = urlsplit(site_url)
    origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else "http://site.invalid"
    base_path = (parts.path.rstrip("/") + "/") if parts.netloc else "/"
    pages = {path: parse_page(path) for path in sorted(site.rglob("*.html"))}
    by_file = {path.resolve(): links for path, links in pages.items()}
    problems = []
    for path, links in pages.items():
        here = origin + page_url(site, path, base_path)
        rel = path.relative_to(site).as_posix()
        for line, tag, raw in links.urls:
            url = raw.strip()
            if not url:
                continue
            scheme = urlsplit(url).scheme.lower()
            if scheme in ("mailto", "tel", "data"):
                continue
            if scheme == "javascript":
                problems.append(f"{rel}:{line} <{tag}> {raw} (javascript: URL)")
                continue
            absolute = urlsplit(urljoin(here, url))
            if f"{absolute.scheme}://{absolute.netloc}" != origin:
                continue  # another site: not checked here (no network)
            target = target_file(site, absolute.path, base_path)
            if target is None:
                problems.append(f"{rel}:{line} <{tag}> {raw} (no such file)")
                continue
            fragment = unquote(absolute.fragment)
            if fragment and target.suffix == ".html":
                if fragment not in by_file[target.resolve()].ids:
                    problems.append(f"{rel}:{line} <{tag}> {raw} (no id {fragment!r} in {target.relative_to(site).as_posix()})")
    return problems


def test_every_internal_link_of_the_seed_site_resolves(seed_site):
    pages = list(seed_site.site.rglob("*.html"))
    assert len(pages) > 20
    assert broken_links(seed_site.site) == []


@pytest.fixture(scope="module")
def published_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("links-site"))
    result = project.build(strict=True, site_url=PAGES_ORIGIN + "/repo/")
    assert result.returncode == 0, result.stderr[-4000:]
    return project


def test_every_internal_link_resolves_under_a_project_subpath(published_site):
    site = published_site.site
    assert broken_links(site, PAGES_ORIGIN + "/repo/") == []
    # The absolute links (canonical, feeds) were checked too, not skipped.
    home = parse_page(site / "index.html")
    assert any(url.startswith(PAGES_ORIGIN + "/repo/") for _, _, url in home.urls)


def test_the_check_finds_broken_links(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "assets" / "x.css").write_text("")
    (site / "a" / "index.html").write_text('<h2 id="here">x</h2><a name="old"></a>', encoding="utf-8")
    (site / "index.html").write_text(
        "<!doctype html><html><head>"
        '<link rel="stylesheet" href="assets/x.css"><link rel="stylesheet" href="assets/y.css">'
        '<script src="/assets/missing.js"></script></head><body>'
        '<a href="a/">ok</a> <a href="a/#here">ok</a> <a href="a/index.html#old">ok</a> <a href="a">ok</a>'
        '<a href="#top">self</a><a id="top"></a> <a href="https://example.org/">away</a> <a href="mailto:x@example.org">m</a>'
        '<a href="b/">missing page</a> <a href="a/#nowhere">missing id</a> <a href="#gone">missing own id</a>'
        '<img src="img/%E5%9B%BE.png" alt=""> <a href="javascript:alert(1)">js</a>'
        '<a href="../../etc/passwd">outside</a>'
        "</body></html>",
        encoding="utf-8",
    )
    problems = broken_links(site)
    found = {p.split(" ", 2)[2].rsplit(" (", 1)[0] for p in problems}
    assert found == {"assets/y.css", "/assets/missing.js", "b/", "a/#nowhere", "#gone", "img/%E5%9B%BE.png",
                     "javascript:alert(1)", "../../etc/passwd"}, problems
    assert all(p.startswith("index.html:1 ") for p in problems)
    # Under a subpath, a root-relative link that leaves it is broken.
    assert any("/assets/missing.js" in p for p in broken_links(site, "https://example.github.io/repo/"))


def test_the_404_page_is_chinese_and_leads_on_under_a_project_subpath(published_site):
    """GitHub Pages serves 404.html for any unknown address, at any depth:
    its links must be absolute under the subpath, and it speaks Chinese."""
    html = (published_site.site / "404.html").read_text(encoding="utf-8")
    assert "找不到这个页面" in html and "404 - Not found" not in html
    assert 'action="/repo/search/"' in html
    assert re.search(r'href="/repo/\.?">返回首页', html) and 'href="/repo/cities/"' in html
