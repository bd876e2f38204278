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
