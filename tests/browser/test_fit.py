"""Nothing a reader needs is cut off (issue 15, item 2): at a phone (390×844)
and a desktop (1280×900) viewport the map and the timeline scale to their
container, their labels are at least 12 px and their links at least 24 px
square, and wide tables scroll inside their own box with the first column
kept in view.  Measured in Chromium on the built seed site."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
MIN_FONT_PX = 12
MIN_TARGET_PX = 24

# For each chart: its box, the container's, and every label's rendered font
# size (computed size in user units times the viewBox scale) and box height,
# and every link's box.
MEASURE_CHART = """(selector) => {
  const svg = document.querySelector(selector);
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  const texts = [...svg.querySelectorAll('text')].map(t => ({
    text: t.textContent, font: parseFloat(getComputedStyle(t).fontSize) * scale,
    height: t.getBoundingClientRect().height}));
  const links = [...svg.querySelectorAll('a')].map(a => {
    const r = a.getBoundingClientRect();
    return {label: a.getAttribute('aria-label'), width: r.width, height: r.height};
  });
  return {width: box.width, right: box.right, left: box.left, hasWidthAttr: svg.hasAttribute('width'),
          container: svg.parentElement.getBoundingClientRect().width, scale, texts, links};
}"""


def _open(browser, url: str, viewport: dict):
    context = browser.new_context(locale="zh-CN", viewport=viewport, bypass_csp=True)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    return context, page


def _no_page_overflow(page, viewport):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"the page is {width} px wide"


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("path,selector", [("cities/", "svg.archive-map"), ("years/", "svg.archive-timeline")])
def test_chart_fits_and_is_legible(seed_server, browser, path, selector, viewport):
    vp = VIEWPORTS[viewport]
    context, page = _open(browser, seed_server.url(path), vp)
    try:
        m = page.evaluate(MEASURE_CHART, selector)
        assert not m["hasWidthAttr"], "a fixed pixel width"
        assert 0 < m["width"] <= m["container"] + 0.5 and m["left"] >= 0 and m["right"] <= vp["width"], m["width"]
        _no_page_overflow(page, vp)
        assert m["texts"] and m["links"]
        small = [t for t in m["texts"] if t["font"] < MIN_FONT_PX or t["height"] < MIN_FONT_PX]
        assert not small, f"labels under {MIN_FONT_PX} px: {small[:5]}"
        tiny = [a for a in m["links"] if min(a["width"], a["height"]) < MIN_TARGET_PX]
        assert not tiny, f"links under {MIN_TARGET_PX} px: {tiny[:5]}"
        # Not oversized on a desktop either.
        assert max(t["font"] for t in m["texts"]) < 30
    finally:
        context.close()


# For each table of the page: the scrolling box (the table itself, or the
# wrapper Material puts around it) and where the first and last cells of the
# first row are before and after scrolling to the end.
MEASURE_TABLE = """(table) => {
  let box = table;
  while (box && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
  const row = table.querySelector('tbody tr');
  const first = row.cells[0], last = row.cells[row.cells.length - 1];
  const before = {first: first.getBoundingClientRect().left, box: box.getBoundingClientRect()};
  box.scrollLeft = box.scrollWidth;
  const after = {first: first.getBoundingClientRect().left, last: last.getBoundingClientRect().right,
                 box: box.getBoundingClientRect()};
  box.scrollLeft = 0;
  return {scrolls: box.scrollWidth > box.clientWidth, boxWidth: before.box.width, boxRight: before.box.right,
          position: getComputedStyle(first).position, background: getComputedStyle(first).backgroundColor,
          firstBefore: before.first, firstAfter: after.first, lastAfter: after.last, boxRightAfter: after.box.right};
}"""


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("path", ["", "years/2013/", "cities/", "years/"])
def test_tables_scroll_in_their_own_box_with_the_first_column_in_view(seed_server, browser, path, viewport):
    vp = VIEWPORTS[viewport]
    context, page = _open(browser, seed_server.url(path), vp)
    try:
        tables = page.locator("article table")
        assert tables.count() > 0
        _no_page_overflow(page, vp)
        for i in range(tables.count()):
            m = tables.nth(i).evaluate(MEASURE_TABLE)
            assert m["boxRight"] <= vp["width"] and m["boxWidth"] <= vp["width"], m
            assert m["position"] == "sticky", m
            assert m["background"] not in ("rgba(0, 0, 0, 0)", "transparent"), "scrolled cells would show through"
            if m["scrolls"]:
                # Scrolled to the end: the first column stays where it was,
                # and the last column comes fully into the box.
                assert abs(m["firstAfter"] - m["firstBefore"]) < 1, m
                assert m["lastAfter"] <= m["boxRightAfter"] + 1, m
    finally:
        context.close()


def test_a_wide_table_does_scroll_on_a_phone(seed_server, browser):
    """The check above is not vacuous: the home page's city × year table is
    wider than a phone and scrolls, its first column staying put."""
    context, page = _open(browser, seed_server.url(""), VIEWPORTS["phone"])
    try:
        m = page.locator(".archive-matrix table").evaluate(MEASURE_TABLE)
        assert m["scrolls"] and abs(m["firstAfter"] - m["firstBefore"]) < 1, m
    finally:
        context.close()
