"""Content-Security-Policy (overrides/partials/csp.html): every built page
carries it as a <meta> element, no page needs an inline script, Chromium
reports no violation on the pages a reader meets, and an injected script is
blocked.

The policy is a <meta> element because GitHub Pages sends no such header.
Material's inline snippets are served as files
(overrides/assets/javascripts/material-inline/); the test below compares them
with the installed Material's templates, so an upgrade that changes them is
noticed.
"""

from __future__ import annotations

import html.parser
import json
import re
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import ROOT, serve_directory

pytestmark = pytest.mark.browser

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "object-src": ["'none'"],
    "frame-src": ["'none'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
# Script types a browser executes (anything else is a data block).
JS_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript", "application/ecmascript"}

# Collects securitypolicyviolation events from the first moment of each
# document (an init script is not subject to the page's policy).
WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push({directive: e.effectiveDirective || e.violatedDirective,
                               blocked: e.blockedURI, sample: e.sample, line: e.lineNumber});
}, true);
"""


def parse_policy(content: str) -> dict[str, list[str]]:
    out = {}
    for part in content.split(";"):
        words = part.split()
        if words:
            assert words[0] not in out, f"{words[0]} given twice"
            out[words[0]] = words[1:]
    return out


class _Head(html.parser.HTMLParser):
    """The CSP <meta> elements, what precedes the first of them, and every
    inline script (type, text) of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.policies: list[str] = []
        self.policy_in_head = False
        self.before_policy: list[str] = []  # scripts/stylesheets before the first policy
        self.in_head = False
        self.inline_scripts: list[tuple[str, str]] = []
        self._script: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append(a.get("content") or "")
            self.policy_in_head = self.policy_in_head or self.in_head
        elif not self.policies and (tag in ("script", "style") or (tag == "link" and "stylesheet" in (a.get("rel") or ""))):
            self.before_policy.append(self.get_starttag_text())
        if tag == "script" and a.get("src") is None:
            self._script = ((a.get("type") or "").strip().lower(), [])

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        if tag == "script" and self._script is not None:
            self.inline_scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_carries_the_policy_before_what_it_governs(seed_site):
    pages = _pages(seed_site.site)
    assert len(pages) > 20
    for path in pages:
        parser = _Head()
        parser.feed(path.read_text(encoding="utf-8"))
        rel = path.relative_to(seed_site.site)
        assert len(parser.policies) == 1, rel
        assert parser.policy_in_head, rel
        assert parser.before_policy == [], (rel, parser.before_policy)
        assert parse_policy(parser.policies[0]) == POLICY, rel


def test_no_page_needs_an_inline_script(seed_site):
    """script-src has neither 'unsafe-inline' nor hashes: an inline script
    in any page would be refused, so there must be none (data blocks
    such as application/json and application/ld+json are not scripts)."""
    offenders = {}
    for path in _pages(seed_site.site):
        parser = _Head()
        parser.feed(path.read_text(encoding="utf-8"))
        inline = [text[:80] for kind, text in parser.inline_scripts if kind in JS_TYPES]
        if inline:
            offenders[str(path.relative_to(seed_site.site))] = inline
    assert offenders == {}


def test_no_page_has_inline_styles(seed_site):
    """style-src is 'self' only: no page carries a <style> element or a style
    attribute (tables use the align attribute; the search page's rules are in
    archive.css), and no script of the site inserts one."""
    offenders = [str(p.relative_to(seed_site.site)) for p in _pages(seed_site.site)
                 if re.search(r"<[a-zA-Z][^>]*\sstyle=|<style[\s>]", p.read_text(encoding="utf-8"))]
    assert offenders == []
    scripts = (ROOT / "overrides" / "assets" / "javascripts").rglob("*.js")
    assert not [p.name for p in scripts if 'createElement("style")' in p.read_text(encoding="utf-8")]


def test_policy_rules_out_inline_and_foreign_scripts():
    policy = POLICY
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert not any(s.startswith(("'sha", "'nonce")) for s in policy["script-src"]), "no hash is needed"
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
    assert all(s in ("'self'", "'none'", "data:") for sources in policy.values() for s in sources)


def _material_partial(name: str) -> str:
    import material

    return (Path(material.__file__).parent / "templates" / "partials" / "javascripts" / name).read_text(encoding="utf-8")


def _script_file(name: str) -> str:
    text = (ROOT / "overrides" / "assets" / "javascripts" / "material-inline" / name).read_text(encoding="utf-8")
    return re.sub(r"\A/\*.*?\*/\n", "", text, flags=re.S).strip()


@pytest.mark.parametrize(("partial", "index", "script"), [
    ("base.html", 0, "base.js"),
    ("palette.html", 0, "palette.js"),
    ("content.html", 0, "content-tabs.js"),
    ("content.html", 1, "content.js"),
])
def test_material_snippets_as_files_match_the_installed_material(partial, index, script):
    """The files are Material's inline scripts verbatim (the scope, printed
    into the script by Material, is read from the element instead)."""
    upstream = re.findall(r"<script>(.*?)</script>", _material_partial(partial), flags=re.S)[index].strip()
    ours = _script_file(script)
    if script == "base.js":
        upstream = upstream.replace('"{{ config.extra.scope | d(base_url) }}"', 'document.currentScript.getAttribute("data-md-scope")')
    assert ours == upstream, f"Material's {partial} changed: update overrides/assets/javascripts/material-inline/{script}"


def _representative_pages(site: Path) -> dict[str, str]:
    """Paths (relative to the site root) of the home, a city, a year, a
    document, the data page and the search page with a query and filters."""
    records = json.loads((site / "data" / "metadata.json").read_text(encoding="utf-8"))
    record = next(r for r in records if r.get("city") and r.get("doc_type"))
    city_dir = next(p.parent for p in sorted((site / "cities").glob("*/index.html")))
    year_dir = next(p.parent for p in sorted((site / "years").glob("*/index.html")))
    doc_dir = next(p.parent for p in sorted((site / "archive").glob("*/*/index.html")))
    query = "q=" + quote("产业集聚区") + "&mode=fuzzy&city=" + quote(record["city"]) + "&type=" + quote(record["doc_type"])
    return {
        "home": "",
        "city": city_dir.relative_to(site).as_posix() + "/",
        "year": year_dir.relative_to(site).as_posix() + "/",
        "document": doc_dir.relative_to(site).as_posix() + "/",
        "data": "data/",
        "search": "search/?" + query,
    }


def representative_pages(site: Path) -> dict[str, str]:
    """Shared with test_a11y.py."""
    return _representative_pages(site)


def wait_ready(page, name: str) -> None:
    """Wait until the page has done its work (the search page: its results)."""
    if name == "search":
        page.wait_for_function("document.documentElement.dataset.searchState === 'done'", timeout=15000)


@pytest.fixture
def csp_page(browser):
    context = browser.new_context(locale="zh-CN")
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda msg: messages.append(f"{msg.type}: {msg.text}"))
    page.on("pageerror", lambda exc: messages.append(f"pageerror: {exc}"))
    page.messages = messages
    yield page
    context.close()


def _csp_messages(messages: list[str]) -> list[str]:
    return [m for m in messages if "Content Security Policy" in m or "Content-Security-Policy" in m]


@pytest.mark.parametrize("name", ["home", "city", "year", "document", "data", "search"])
def test_pages_load_without_a_policy_violation(seed_site, seed_server, csp_page, name):
    path = representative_pages(seed_site.site)[name]
    csp_page.goto(seed_server.url(path), wait_until="networkidle")
    wait_ready(csp_page, name)
    if name == "search":
        assert csp_page.locator("#search-results li").count() > 0, "the filtered search found nothing"
        assert csp_page.input_value("#search-city") != "", "the city filter is not set"
    # The palette toggle and the header search run Material's and the
    # archive's scripts after load; use both.
    csp_page.locator("form[data-md-component=palette] label:visible").first.click()
    csp_page.wait_for_timeout(200)
    violations = csp_page.evaluate("window.__cspViolations")
    assert violations == [], violations
    assert _csp_messages(csp_page.messages) == []
    assert [m for m in csp_page.messages if m.startswith(("error", "pageerror"))] == []
    # Material's head script ran from its file: the storage scope is the site root.
    assert csp_page.evaluate("__md_scope.href") == seed_server.base_url


def test_an_injected_script_is_blocked(seed_site, csp_page, tmp_path):
    """A page into which an unescaped <script> (and an inline event
    handler) slipped: the policy keeps both from running and Chromium
    reports the violation."""
    site = tmp_path / "site"
    shutil.copytree(seed_site.site, site)
    doc = site / representative_pages(site)["document"] / "index.html"
    text = doc.read_text(encoding="utf-8")
    assert "<article" in text
    injected = ('<script>window.__injected = 1; document.title = "pwned";</script>'
                '<img src="data:," alt="" onerror="window.__injectedAttr = 1">')
    doc.write_text(re.sub(r"(<article[^>]*>)", lambda m: m.group(1) + injected, text, count=1), encoding="utf-8")
    server = serve_directory(site)
    try:
        csp_page.goto(server.url(representative_pages(site)["document"]), wait_until="networkidle")
        assert csp_page.evaluate("typeof window.__injected") == "undefined"
        assert csp_page.evaluate("typeof window.__injectedAttr") == "undefined"
        assert csp_page.title() != "pwned"
        directives = {v["directive"] for v in csp_page.evaluate("window.__cspViolations")}
        assert {"script-src-elem", "script-src-attr"} <= directives, directives
        # Chromium's wording varies ("Refused to execute inline script ...",
        # "Executing inline script violates ..."); both name the policy.
        assert any("inline script" in m for m in _csp_messages(csp_page.messages)), csp_page.messages
        # The rest of the page still works: Material's scripts ran.
        assert csp_page.evaluate("typeof __md_get") == "function"
    finally:
        server.httpd.shutdown()
