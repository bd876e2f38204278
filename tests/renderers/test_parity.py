"""The same generated docs/ rendered by each renderer (issue 16): MkDocs 1.6
with Material (production) and ProperDocs 1.6.7 (the maintained MkDocs 1.6
fork, from requirements/properdocs.lock in .venv-properdocs).  Each built
site is checked the way a reader and a crawler meet it, and compared with
the MkDocs build; one exact and one fuzzy query give the same results in
Chromium on both.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ENV, ROOT, make_project, serve_directory

pytestmark = pytest.mark.slow

RENDERERS = {
    "mkdocs": ROOT / ".venv" / "bin" / "mkdocs",
    "properdocs": ROOT / ".venv-properdocs" / "bin" / "properdocs",
}
SITE_URL = "https://example.github.io/repo/"
HOSTILE_TITLE = "测试<img src=x onerror=alert(1)>标题"
GENERATOR_META = re.compile(rb'<meta name="generator" content="[^"]*">')


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """docs/ generated once; each renderer builds it into its own site."""
    project = make_project(tmp_path_factory.mktemp("renderers"))
    project.add_seed("900_hostile_title.txt", "2016年05月03日 来源：安阳日报\n本报讯 安阳市产业集聚区建设推进会召开。\n会议指出，要加快重点项目建设。\n",
                     title=HOSTILE_TITLE)
    env = {**ENV, "SITE_URL": SITE_URL}
    gen = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-m", "generator", "build", "-q"], cwd=project.root,
                         env=env, capture_output=True, text=True, timeout=600)
    assert gen.returncode == 0, gen.stdout + gen.stderr
    built = {}
    for name, binary in RENDERERS.items():
        if not binary.exists():
            pytest.fail(f"{binary} is missing: `make test` installs it (make {binary.parent.parent.name}/.installed)")
        site = project.root / f"site-{name}"
        result = subprocess.run([str(binary), "build", "--strict", "--site-dir", str(site)], cwd=project.root, env=env,
                                capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, f"{name}: {result.stderr[-3000:]}"
        built[name] = site
    return project, built


def documents(project) -> list[dict]:
    """The data export's records, with ``url`` relative to the site root."""
    records = json.loads((project.docs / "data" / "metadata.json").read_text(encoding="utf-8"))
    return [{**r, "url": r["url"].removeprefix(SITE_URL)} for r in records]


class Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: list[dict] = []
        self.jsonld: list[str] = []
        self.scripts: list[dict] = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta[a.get("property") or a.get("name")] = a.get("content") or ""
        elif tag == "link":
            self.links.append(a)
        elif tag == "script":
            self.scripts.append(a)
            self._in_ld = a.get("type") == "application/ld+json"
            if self._in_ld:
                self.jsonld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.jsonld[-1] += data


def parse(path: Path) -> Head:
    head = Head()
    head.feed(path.read_text(encoding="utf-8"))
    return head


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_every_document_page_with_its_structured_data(sites, renderer):
    project, built = sites
    site = built[renderer]
    docs = documents(project)
    assert len(docs) >= 6
    for doc in docs:
        page = site / doc["url"] / "index.html"
        assert page.is_file(), (renderer, doc["url"])
        head = parse(page)
        types = [json.loads(block)["@type"] for block in head.jsonld]
        assert types and all(types), (renderer, doc["url"])
        assert head.meta.get("og:title") and head.meta.get("og:type") == "article"
        assert any(l.get("type") == "application/atom+xml" and l.get("href", "").endswith("feed.xml") for l in head.links)
        assert head.meta.get("citation_title", "").startswith(doc["title"])


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_search_page_sitemap_and_no_raw_markup_from_a_title(sites, renderer):
    project, built = sites
    site = built[renderer]
    search = (site / "search" / "index.html").read_text(encoding="utf-8")
    assert 'id="archive-search-boot"' in search and 'src="index/engine.js"' in search
    boot = re.search(r'<script type="application/json" id="archive-search-boot">(.*?)</script>', search, re.S)
    assert json.loads(boot.group(1))["meta"]["docs"] == len(documents(project))
    ET.fromstring((site / "sitemap.xml").read_bytes())  # parses
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<img src=x onerror" not in text, page  # the hostile title never becomes markup
    hostile = next(d for d in documents(project) if d["title"] == HOSTILE_TITLE)
    title = re.search(r"<title>(.*?)</title>", (site / hostile["url"] / "index.html").read_text(encoding="utf-8"), re.S)
    assert "&lt;img" in title.group(1)


def test_properdocs_pages_are_the_mkdocs_pages(sites):
    """Byte for byte, apart from the generator meta tag naming the renderer."""
    _project, built = sites
    a, b = built["mkdocs"], built["properdocs"]
    files_a = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    differ = []
    for rel in files_a:
        x, y = (a / rel).read_bytes(), (b / rel).read_bytes()
        if rel.endswith(".html"):
            x, y = GENERATOR_META.sub(b"", x), GENERATOR_META.sub(b"", y)
        if rel.endswith(".gz"):
            continue  # gzip headers carry a time
        if x != y:
            differ.append(rel)
    assert not differ, differ[:10]


@pytest.mark.browser
def test_the_same_queries_give_the_same_results_in_chromium(sites, page):
    _project, built = sites
    found = {}
    for name, site in built.items():
        server = serve_directory(site, prefix="repo/")
        try:
            for query, mode in (("产业集聚区", "exact"), ("招商引资 项目", "fuzzy")):
                page.goto(server.url(f"search/?q={query}&mode={mode}"))
                page.wait_for_selector("html[data-search-state=done]")
                hrefs = page.locator(".archive-search__result h3 a").evaluate_all(
                    "links => links.map(a => new URL(a.href).pathname)")
                found[(name, query)] = hrefs
        finally:
            server.httpd.shutdown()
    for query in ("产业集聚区", "招商引资 项目"):
        assert found[("mkdocs", query)], query
        assert found[("mkdocs", query)] == found[("properdocs", query)], query


# --------------------------------------------------------------- Zensical
# Zensical 0.0.73 (requirements/zensical.lock, .venv-zensical) renders the
# same generated docs/ with mkdocs.yml and overrides/, but runs no MkDocs
# plugin.  What the site needs from the plugin today must move into
# generated files and templates first (issue 16); the tests marked xfail
# say what is still missing and turn into failures (strict) once it works.

ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"
NEEDS_GENERATOR = "JSON-LD, Open Graph and the search page's boot data still come from the MkDocs plugin (issue 16)"


@pytest.fixture(scope="module")
def zensical_site(sites):
    project, _built = sites
    if not ZENSICAL.exists():
        pytest.fail(f"{ZENSICAL} is missing: `make test` installs it (make .venv-zensical/.installed)")
    site = project.root / "site"  # zensical writes mkdocs.yml's site_dir
    result = subprocess.run([str(ZENSICAL), "build"], cwd=project.root, env={**ENV, "SITE_URL": SITE_URL},
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return project, site


def test_zensical_renders_every_document_page_the_sitemap_and_the_search_engine(zensical_site):
    project, site = zensical_site
    for doc in documents(project):
        assert (site / doc["url"] / "index.html").is_file(), doc["url"]
    ET.fromstring((site / "sitemap.xml").read_bytes())  # overrides/sitemap.xml works on both
    search = (site / "search" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'src="(\./)?index/engine\.js"', search)  # the same file, however the URL is written


@pytest.mark.xfail(strict=True, reason=NEEDS_GENERATOR)
def test_zensical_pages_carry_structured_data_and_boot_data(zensical_site):
    project, site = zensical_site
    doc = documents(project)[0]
    head = parse(site / doc["url"] / "index.html")
    assert head.jsonld and head.meta.get("og:title")
    assert 'id="archive-search-boot"' in (site / "search" / "index.html").read_text(encoding="utf-8")


@pytest.mark.xfail(strict=True, reason="title escaping is the MkDocs plugin's today (issue 16)")
def test_zensical_never_prints_a_title_as_markup(zensical_site):
    _project, site = zensical_site
    assert not any("<img src=x onerror" in p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
