"""Static SVG: the map of Henan and the timeline."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from generator.listings import charts
from generator.reference.gazetteer import City, city_info, county_points, henan_cities


def test_outline_contains_every_county_seat_and_city():
    points = county_points()
    assert len(points) > 100
    for lat, lon in points:
        assert charts.point_in_outline(lon, lat), (lat, lon)
    cities = henan_cities()
    assert len(cities) == 18 and all(c.lat for c in cities)
    for c in cities:
        assert charts.point_in_outline(c.lon, c.lat), c.name


def test_city_lookup_and_slugs():
    assert city_info("安阳市").slug == "anyang" and city_info("安阳").slug == "anyang"
    assert city_info(None).slug == "unknown"
    other = city_info("某某市")
    assert other.slug.startswith("c-") and other.slug.isascii() and other.lat is None


def test_map_is_valid_svg_with_links_and_escaped_text():
    evil = City("<b>&", "<b>&", "anyang", 36.1, 114.4, "河南省")
    items = [charts.MapCity(evil, 5, "anyang/"), charts.MapCity(city_info("郑州市"), 0, None)]
    svg = charts.henan_map(items)
    root = ET.fromstring(svg)  # well-formed XML
    ns = "{http://www.w3.org/2000/svg}"
    links = [a for a in root.iter() if a.tag in ("a", ns + "a")]
    assert [a.get("href") for a in links] == ["anyang/"]
    assert "<b>" not in svg and "&lt;b&gt;&amp;" in svg


def test_timeline_bars_and_links():
    bars = [charts.YearBars("2014", (1, 0, 0, 3) + (0,) * 8, 2, "2014/", ("2014/01/", None, None, "2014/04/") + (None,) * 8),
            charts.YearBars("2015", (0,) * 12, 0, None, (None,) * 12)]
    svg = charts.timeline(bars)
    root = ET.fromstring(svg)
    hrefs = sorted(a.get("href") for a in root.iter() if a.tag.endswith("a") and a.get("href"))
    assert hrefs == ["2014/", "2014/01/", "2014/04/"]
    assert "月份不详：2 篇" in svg
    assert charts.timeline([]) == ""


def _boxes_overlap(a, b):
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def test_charts_scale_to_their_container():
    """A viewBox and no fixed pixel size: CSS makes them 100% wide (the
    browser test tests/browser/test_fit.py measures them at 390 and 1280 px)."""
    items = [charts.MapCity(c, 3, f"{c.slug}/") for c in henan_cities()]
    bars = [charts.YearBars("2014", (1,) + (0,) * 11, 0, "2014/", ("2014/01/",) + (None,) * 11)]
    for svg in (charts.henan_map(items), charts.timeline(bars)):
        root = ET.fromstring(svg)
        assert root.get("viewBox") and root.get("width") is None and root.get("height") is None


def test_map_labels_do_not_collide_and_links_are_named_by_their_text():
    ns = "{http://www.w3.org/2000/svg}"
    counts = [40, 1, 12, 3, 7, 1, 2, 9, 1, 5, 2, 1, 4, 6, 1, 3, 8, 2]
    items = [charts.MapCity(c, n, f"{c.slug}/") for c, n in zip(henan_cities(), counts)]
    root = ET.fromstring(charts.henan_map(items))
    links = [a for a in root.iter() if a.tag in ("a", ns + "a")]
    assert len(links) == 18
    boxes = []
    for a in links:
        text = next(t for t in a.iter() if t.tag in ("text", ns + "text"))
        visible = "".join(text.itertext())
        # WCAG 2.5.3: the accessible name starts with the visible text.
        assert a.get("aria-label").startswith(visible.split()[0]) and visible.split()[1] in a.get("aria-label")
        target = next(r for r in a.iter() if r.get("class") == "archive-map__target")
        assert float(target.get("width")) >= charts.MAP_TARGET and float(target.get("height")) >= charts.MAP_TARGET
        x, y, anchor = float(text.get("x")), float(text.get("y")), text.get("text-anchor")
        w, h = charts._label_width(visible, charts.MAP_LABEL), charts.MAP_LABEL
        x0 = x - w / 2 if anchor == "middle" else (x if anchor == "start" else x - w)
        boxes.append((x0, y - h / 2, x0 + w, y + h / 2))
    clashes = [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if _boxes_overlap(boxes[i], boxes[j])]
    assert not clashes, clashes


def test_timeline_rows_wrap_years_and_month_links_are_wide_enough():
    years = [charts.YearBars(str(y), (1,) * 12, 1, f"{y}/", tuple(f"{y}/{m:02d}/" for m in range(1, 13))) for y in range(1990, 2025)]
    root = ET.fromstring(charts.timeline(years))
    width = float(root.get("viewBox").split()[2])
    assert width == charts.TL_WIDTH < 360  # ~1 px per unit on a 390 px phone, whatever the number of years
    # 12 month columns at least 24 units wide; one row per year.
    assert charts.TL_SLOT >= 24 and charts.TL_ROW >= 24
    assert len([a for a in root.iter() if a.tag.endswith("a") and a.get("class") == "archive-timeline__cell"]) == 35 * 12
