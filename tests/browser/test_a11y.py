"""Accessibility: axe-core (pinned in package.json, installed by `npm ci`)
checks every kind of page a reader meets (home, map, city, timeline, year,
month, document, people, person, data, search with results, 404) in
Chromium, at a desktop (1280×900) and a phone (390×844) viewport, in the
light and the dark scheme.  No serious or critical violation is allowed.

axe.min.js is injected from node_modules with Playwright's add_script_tag;
it is never part of the built site.  add_script_tag inserts an inline
script, which the site's Content-Security-Policy refuses (see test_csp.py),
so these contexts bypass the policy.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser.test_csp import representative_pages, wait_ready
from conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
PAGES = ["home", "map", "city", "timeline", "year", "month", "document", "people", "person", "data", "search", "404"]
SCHEMES = ["light", "dark"]
BLOCKING = ("serious", "critical")
# Also the experimental rule for WCAG 2.5.3 (a link's accessible name
# contains its visible text), which the map and timeline once failed.
AXE_RUN = "axe.run(document, {resultTypes: ['violations'], rules: {'label-content-name-mismatch': {enabled: true}}})"


@pytest.fixture(scope="module")
def axe_path():
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `npm ci` (make test does)")
    return str(AXE)


def page_paths(site: Path) -> dict[str, str]:
    """Every kind of page of the built seed site (relative to its root)."""
    paths = dict(representative_pages(site))
    month = next(p.parent for p in sorted((site / "years").glob("[0-9]*/[0-9][0-9]/index.html")))
    person = next(p.parent for p in sorted((site / "people").glob("*/index.html")))
    paths.update({
        "map": "cities/",
        "timeline": "years/",
        "month": month.relative_to(site).as_posix() + "/",
        "people": "people/",
        "person": person.relative_to(site).as_posix() + "/",
        # The static server answers a missing page with its own error page,
        # so the site's 404 page is opened by name (a host serves it).
        "404": "404.html",
    })
    return paths


def _axe(browser, url: str, name: str, axe_path: str, viewport: dict, scheme: str = "light", before=None) -> list[dict]:
    context = browser.new_context(locale="zh-CN", viewport=viewport, color_scheme=scheme, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        wait_ready(page, name)
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
        if before:
            before(page)
        page.add_script_tag(path=axe_path)
        result = page.evaluate(AXE_RUN)
        return result["violations"]
    finally:
        context.close()


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:8]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {node['target']}: {summary[:240]}")
    return "\n".join(lines)


def _blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in BLOCKING]


def test_every_kind_of_page_is_found(seed_site):
    paths = page_paths(seed_site.site)
    assert sorted(paths) == sorted(PAGES)
    for name, path in paths.items():
        if name != "search":
            target = seed_site.site / path
            assert (target / "index.html" if path.endswith("/") or not path else target).exists(), (name, path)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_violation(seed_site, seed_server, browser, axe_path, name, viewport, scheme):
    path = page_paths(seed_site.site)[name]
    violations = _blocking(_axe(browser, seed_server.url(path), name, axe_path, VIEWPORTS[viewport], scheme=scheme))
    assert violations == [], "\n" + _describe(violations)


def test_axe_reports_a_contrast_failure(seed_site, seed_server, browser, axe_path):
    """The check is not vacuous: pale text added to a page is reported."""
    def add_pale_text(page):
        page.evaluate("""() => {
            const p = document.createElement('p');
            p.textContent = '浅色文字 pale text';
            p.style.color = '#dddddd';
            document.querySelector('article').prepend(p);
        }""")

    violations = _axe(browser, seed_server.url(), "home", axe_path, VIEWPORTS["desktop"], before=add_pale_text)
    assert any(v["id"] == "color-contrast" and v["impact"] == "serious" for v in violations), _describe(violations)


def test_axe_is_not_served(seed_site):
    site = seed_site.site
    assert not [p for p in site.rglob("*") if "axe" in p.name.lower()]
    for path in site.rglob("*.html"):
        assert "axe.min.js" not in path.read_text(encoding="utf-8"), path
