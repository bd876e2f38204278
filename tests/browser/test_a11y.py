"""Accessibility: axe-core (pinned in package.json, installed by `npm ci`)
checks the pages a reader meets in Chromium, at a desktop and a phone
viewport, in the light scheme and (on the desktop) the dark one.  No serious
or critical violation is allowed.

axe.min.js is injected from node_modules with Playwright's add_script_tag;
it is never part of the built site.  add_script_tag inserts an inline
script, which the site's Content-Security-Policy refuses (see test_csp.py),
so these contexts bypass the policy.
"""

from __future__ import annotations

import pytest

from browser.test_csp import representative_pages, wait_ready
from conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
PAGES = ["home", "city", "year", "document", "data", "search"]
BLOCKING = ("serious", "critical")


@pytest.fixture(scope="module")
def axe_path():
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `npm ci` (make test does)")
    return str(AXE)


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
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
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


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_violation(seed_site, seed_server, browser, axe_path, name, viewport):
    path = representative_pages(seed_site.site)[name]
    violations = _blocking(_axe(browser, seed_server.url(path), name, axe_path, VIEWPORTS[viewport]))
    assert violations == [], "\n" + _describe(violations)


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_violation_in_the_dark_scheme(seed_site, seed_server, browser, axe_path, name):
    path = representative_pages(seed_site.site)[name]
    violations = _blocking(_axe(browser, seed_server.url(path), name, axe_path, VIEWPORTS["desktop"], scheme="dark"))
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
