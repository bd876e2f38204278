"""The MkDocs side: mkdocs.yml, the `archive` plugin's build hooks, strict
builds, a project subpath, and no third-party requests."""

from __future__ import annotations

import re
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest
import yaml
from mkdocs.config import load_config

from conftest import ROOT, make_project, png_bytes, serve_directory

pytestmark = pytest.mark.slow

SEED_FILES = sorted((ROOT / "seeds").glob("*.txt"))


# ------------------------------------------------------------- mkdocs.yml


@pytest.fixture(scope="module")
def config():
    import os

    old = os.environ.get("SITE_URL")
    os.environ["SITE_URL"] = "https://example.github.io/archive-repo/"
    try:
        return load_config(config_file=str(ROOT / "mkdocs.yml"))
    finally:
        if old is None:
            del os.environ["SITE_URL"]
        else:
            os.environ["SITE_URL"] = old


def test_config_theme_language_palettes(config):
    assert config.theme.name == "material"
    assert config.theme["language"] == "zh"
    assert config.theme["font"] is False  # no Google Fonts
    palettes = config.theme["palette"]
    assert {p["scheme"] for p in palettes} == {"default", "slate"}
    assert {p["media"] for p in palettes} == {"(prefers-color-scheme: light)", "(prefers-color-scheme: dark)"}
    assert all("toggle" in p for p in palettes)


def test_config_site_identity_and_url(config):
    assert config.site_name and "档案" in config.site_name
    assert config.site_description
    assert config.site_url == "https://example.github.io/archive-repo/"  # from !ENV SITE_URL
    raw = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^site_url: !ENV \[SITE_URL, \"\"\]", raw, re.M)
    assert config.use_directory_urls is True


def test_config_nav_is_the_index_pages(config):
    nav = [(title, page) for entry in config.nav for title, page in entry.items()]
    required = [
        ("首页", "index.md"), ("按城市", "cities/index.md"), ("按年份", "years/index.md"),
        ("搜索", "search/index.md"), ("关于", "about.md"),
    ]
    # In this order at the top level (other index pages may sit between)...
    assert [entry for entry in nav if entry in required] == required
    # ...and only index pages: no document page is in the nav.
    flat = str(config.nav)
    assert "archive/" not in flat


def test_config_uses_the_archive_plugin(config):
    assert "archive" in config.plugins


# ------------------------------------------------------------ strict builds


def test_seed_site_builds_strictly_without_warnings(seed_site):
    result = seed_site.last_build
    assert result.returncode == 0
    output = result.stdout + result.stderr
    assert "WARNING" not in output and "ERROR" not in output, output
    for seed in SEED_FILES:
        pages = list(seed_site.site.glob(f"archive/*/{seed.stem}/index.html"))
        assert len(pages) == 1, seed.name
    assert (seed_site.site / "data" / "corpus.jsonl").is_file()


def test_bad_seeds_fail_a_strict_build_after_listing_them_all(tmp_path):
    project = make_project(tmp_path, seeds_from=None)
    good = SEED_FILES[:2]
    for seed in good:
        (project.seeds / seed.name).write_bytes(seed.read_bytes())
    (project.seeds / "empty.txt").write_bytes(b"")
    (project.seeds / "binary.txt").write_bytes(bytes(range(256)) * 16)
    (project.seeds / "photo.txt").write_bytes(png_bytes())

    lenient = project.build(strict=False)
    assert lenient.returncode == 0, lenient.stderr[-3000:]
    for seed in good:
        assert list(project.site.glob(f"archive/*/{seed.stem}/index.html")), seed.name
    assert not list(project.site.glob("archive/*/empty/index.html"))

    strict = project.build(strict=True)
    assert strict.returncode != 0
    out = strict.stdout + strict.stderr
    assert "archive: empty.txt: empty file" in out
    assert "archive: binary.txt: binary file" in out
    assert "archive: photo.txt: binary file (PNG image)" in out
    assert "Traceback" not in out
    # All three are listed; then the build gives up.
    assert "Aborted with 3 warnings in strict mode" in out


def test_second_build_changes_no_generated_file(tmp_path):
    project = make_project(tmp_path)
    first = project.build(strict=True)
    assert first.returncode == 0
    assert re.search(rf"archive: {len(SEED_FILES)} document\(s\), [1-9]\d* file\(s\) changed", first.stderr)
    second = project.build(strict=True)
    assert second.returncode == 0
    assert f"archive: {len(SEED_FILES)} document(s), 0 file(s) changed, 0 removed" in second.stderr


def test_missing_seeds_directory_stops_the_build(tmp_path):
    project = make_project(tmp_path, seeds_from=None)
    project.seeds.rmdir()
    result = project.build(strict=False)
    assert result.returncode != 0
    assert "seeds directory" in result.stderr and "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_gets_no_site_url_and_build_gets_the_configured_one():
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_url="https://example.org/repo/")
    plugin = config.plugins["archive"]
    plugin.on_config(config)
    assert plugin.settings.site_url == "https://example.org/repo/"
    plugin.on_startup(command="serve", dirty=False)
    config.site_url = "http://127.0.0.1:8000/"
    plugin.on_config(config)
    assert plugin.settings.site_url == ""


# ------------------------------------------------- subpath and third parties


class _Refs(HTMLParser):
    """Every URL a page makes the browser fetch (and every link)."""

    def __init__(self):
        super().__init__()
        self.fetched: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and a.get("src"):
            self.fetched.append(a["src"])
        elif tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").split()
            if rel and set(rel) & {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}:
                self.fetched.append(a["href"])
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"])


def _refs(html: str) -> _Refs:
    parser = _Refs()
    parser.feed(html)
    return parser


def test_no_page_loads_anything_from_another_origin(seed_site):
    foreign = []
    for path in seed_site.site.rglob("*.html"):
        for url in _refs(path.read_text(encoding="utf-8")).fetched:
            if urlparse(url).scheme in ("http", "https") or url.startswith("//"):
                foreign.append((path.relative_to(seed_site.site).as_posix(), url))
    for path in seed_site.site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^'\")]+)", path.read_text(encoding="utf-8", errors="replace")):
            foreign.append((path.relative_to(seed_site.site).as_posix(), url))
        assert "@import url(http" not in path.read_text(encoding="utf-8", errors="replace")
    assert foreign == []


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("subpath"))
    result = project.build(strict=True, site_url="https://example.github.io/repo/")
    assert result.returncode == 0, result.stderr[-3000:]
    server = serve_directory(project.site, prefix="repo/")
    yield project, server
    server.httpd.shutdown()


def test_site_works_under_a_project_subpath(subpath_site):
    """Crawl the site served at /repo/ (as GitHub Pages serves a project
    site): every local link and asset resolves, none escapes the subpath."""
    project, server = subpath_site
    start = server.url()
    seen: set[str] = set()
    queue = [start]
    broken = []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body = response.read()
                kind = response.headers.get("Content-Type", "")
        except Exception as exc:  # noqa: BLE001 - reported below
            broken.append((url, str(exc)))
            continue
        if "html" not in kind:
            continue
        refs = _refs(body.decode("utf-8"))
        for ref in refs.fetched + refs.links:
            target = urljoin(url, ref).split("#")[0]
            if urlparse(target).netloc != urlparse(start).netloc:
                continue
            assert target.startswith(start), f"{url} refers to {ref} outside the subpath"
            if target not in seen:
                queue.append(target)
    assert broken == []
    for seed in SEED_FILES:
        assert any(re.search(rf"/archive/[^/]+/{seed.stem}/$", u) for u in seen), seed.name
    home = (project.site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.github.io/repo/">' in home
    assert "https://example.github.io/repo/archive/" in (project.site / "sitemap.xml").read_text(encoding="utf-8")


def test_front_matter_titles_become_page_titles(seed_site):
    for md in seed_site.docs.glob("archive/*/*.md"):
        text = md.read_text(encoding="utf-8")
        title = yaml.safe_load(text[4:text.index("\n---\n", 4)])["title"]
        html = (seed_site.site / md.relative_to(seed_site.docs).with_suffix("") / "index.html").read_text(encoding="utf-8")
        match = re.search(r"<title>(.*?)</title>", html, re.S)
        import html as html_lib

        assert html_lib.unescape(match.group(1)).startswith(title), md.name


def test_build_reports_the_site_against_pages_limits(seed_site):
    output = seed_site.last_build.stdout + seed_site.last_build.stderr
    assert re.search(r"archive: site: [\d.]+ MB in \d+ file\(s\), [\d.]+% of GitHub Pages' 1 GB", output), output[-2000:]
    assert f"({len(SEED_FILES)} documents;" in output
