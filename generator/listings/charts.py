"""Static SVG drawn at build time: the map of Henan and the timeline.

No tiles, no fonts, no script: plain SVG inlined into the page, coloured by
CSS (``overrides/assets/stylesheets/archive.css``) from Material's palette
variables, so light and dark schemes both work.  Every piece of text is
``html.escape``d; every link is an ``href`` the caller computed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from typing import Sequence

from ..reference.gazetteer import City

# A simplified outline of 河南省 (lon, lat), traced by hand at roughly 10 km
# accuracy; a schematic, not a survey map.  tests/test_charts.py checks that
# every county seat of the gazetteer lies inside it.
HENAN_OUTLINE: tuple[tuple[float, float], ...] = (
    (113.55, 35.90), (113.75, 36.25), (114.05, 36.37), (114.55, 36.30), (114.90, 36.10),
    (115.45, 36.15), (115.95, 36.05), (116.10, 35.95), (115.75, 35.78), (115.25, 35.55),
    (114.95, 35.30), (115.05, 35.00), (115.25, 34.80), (115.60, 34.70), (116.20, 34.65),
    (116.65, 34.35), (116.60, 33.95), (116.05, 33.70), (115.60, 33.55), (115.35, 33.15),
    (115.25, 32.75), (115.40, 32.55), (115.85, 32.40), (115.90, 31.95), (115.55, 31.65),
    (115.05, 31.45), (114.60, 31.65), (114.10, 31.80), (113.70, 31.95), (113.30, 32.25),
    (112.90, 32.40), (112.50, 32.35), (112.05, 32.45), (111.60, 32.65), (111.05, 33.00),
    (111.00, 33.55), (110.60, 33.90), (110.45, 34.25), (110.35, 34.60), (110.85, 34.75),
    (111.35, 34.90), (111.90, 35.05), (112.30, 35.25), (112.80, 35.30), (113.20, 35.45),
    (113.60, 35.55),
)

_LON0, _LON1, _LAT0, _LAT1 = 110.1, 116.9, 31.2, 36.6
_KX = math.cos(math.radians(34.0))  # equirectangular, true scale at 34°N
MAP_WIDTH = 640
_SCALE = MAP_WIDTH / ((_LON1 - _LON0) * _KX)
MAP_HEIGHT = round((_LAT1 - _LAT0) * _SCALE)


def project(lon: float, lat: float) -> tuple[float, float]:
    return round((lon - _LON0) * _KX * _SCALE, 1), round((_LAT1 - lat) * _SCALE, 1)


def point_in_outline(lon: float, lat: float) -> bool:
    inside = False
    pts = HENAN_OUTLINE
    for i in range(len(pts)):
        x1, y1 = pts[i]
        x2, y2 = pts[i - 1]
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


@dataclass(frozen=True)
class MapCity:
    city: City
    count: int
    href: str | None  # None: no page (no documents)


def henan_map(cities: Sequence[MapCity], title: str = "河南省各市文献数量示意图") -> str:
    """The province outline with one circle per city, area ~ count, shade ~ count."""
    top = max((c.count for c in cities), default=0) or 1
    outline = " ".join(f"{x},{y}" for x, y in (project(lon, lat) for lon, lat in HENAN_OUTLINE))
    out = [
        f'<svg class="archive-map" viewBox="0 0 {MAP_WIDTH} {MAP_HEIGHT}" width="{MAP_WIDTH}" height="{MAP_HEIGHT}" role="group" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<polygon class="archive-map__outline" points="{outline}"/>',
    ]
    # Larger circles first so small ones stay clickable on top.
    placed = [c for c in cities if c.city.lat is not None and c.city.lon is not None]
    for item in sorted(placed, key=lambda c: (-c.count, c.city.slug)):
        x, y = project(item.city.lon, item.city.lat)  # type: ignore[arg-type]
        label = escape(item.city.short)
        tip = escape(f"{item.city.name}：{item.count} 篇")
        if item.count and item.href:
            r = round(5 + 17 * math.sqrt(item.count / top), 1)
            shade = round(0.35 + 0.6 * item.count / top, 2)
            out.append(
                f'<a class="archive-map__city" href="{escape(item.href)}" data-city="{escape(item.city.slug)}" aria-label="{tip}">'
                f"<title>{tip}</title>"
                f'<circle cx="{x}" cy="{y}" r="{r}" fill-opacity="{shade}"/>'
                f'<text x="{x}" y="{round(y + r + 13, 1)}" text-anchor="middle">{label}</text>'
                f'<text class="archive-map__count" x="{x}" y="{round(y + 4, 1)}" text-anchor="middle">{item.count}</text>'
                "</a>"
            )
        else:
            out.append(
                f'<g class="archive-map__empty"><title>{tip}</title>'
                f'<circle cx="{x}" cy="{y}" r="3"/>'
                f'<text x="{x}" y="{round(y + 15, 1)}" text-anchor="middle">{label}</text></g>'
            )
    out.append("</svg>")
    return "\n".join(out)


@dataclass(frozen=True)
class YearBars:
    year: str
    months: tuple[int, ...]  # 12 counts, January first
    unknown_month: int  # documents dated to the year only
    href: str | None  # the year page (None for a year without documents)
    month_hrefs: tuple[str | None, ...]  # 12 links (None where the month is empty)


def timeline(years: Sequence[YearBars], title: str = "各年各月文献数量") -> str:
    """One group of 12 month bars (and a grey bar for 月份不详) per year."""
    if not years:
        return ""
    slot, gap, left, chart_h, top_pad, bottom = 7, 10, 30, 120, 18, 36
    group_w = slot * 13 + gap
    width = left + group_w * len(years) + 4
    height = top_pad + chart_h + bottom
    peak = max(max(max(y.months), y.unknown_month) for y in years) or 1
    base = top_pad + chart_h
    out = [
        f'<svg class="archive-timeline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="group" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<line class="archive-timeline__axis" x1="{left}" y1="{base}" x2="{width - 2}" y2="{base}"/>',
        f'<text class="archive-timeline__scale" x="{left - 4}" y="{top_pad + 4}" text-anchor="end">{peak}</text>',
        f'<text class="archive-timeline__scale" x="{left - 4}" y="{base}" text-anchor="end">0</text>',
    ]
    for i, y in enumerate(years):
        x0 = left + i * group_w
        total = sum(y.months) + y.unknown_month
        out.append(f'<a class="archive-timeline__year" href="{escape(y.href)}" aria-label="{escape(f"{y.year}年：{total} 篇")}">'
                   if y.href else '<g class="archive-timeline__year">')
        out.append(f'<rect class="archive-timeline__band" x="{x0}" y="{top_pad}" width="{slot * 13}" height="{chart_h}"/>')
        out.append(f'<text x="{x0 + slot * 13 / 2}" y="{base + 16}" text-anchor="middle">{escape(y.year)}</text>')
        out.append(f'<text class="archive-timeline__total" x="{x0 + slot * 13 / 2}" y="{base + 30}" text-anchor="middle">{total}篇</text>')
        out.append("</a>" if y.href else "</g>")
        for m, count in enumerate(y.months):
            if not count:
                continue
            h = max(1.0, round(chart_h * count / peak, 1))
            bar = (
                f'<rect class="archive-timeline__bar" x="{x0 + m * slot + 0.5}" y="{round(base - h, 1)}" width="{slot - 1}" height="{h}">'
                f"<title>{escape(f'{y.year}年{m + 1}月：{count} 篇')}</title></rect>"
            )
            href = y.month_hrefs[m] if m < len(y.month_hrefs) else None
            out.append(f'<a href="{escape(href)}">{bar}</a>' if href else bar)
        if y.unknown_month:
            h = max(1.0, round(chart_h * y.unknown_month / peak, 1))
            out.append(
                f'<rect class="archive-timeline__bar archive-timeline__bar--unknown" x="{x0 + 12 * slot + 0.5}" y="{round(base - h, 1)}" '
                f'width="{slot - 1}" height="{h}"><title>{escape(f"{y.year}年，月份不详：{y.unknown_month} 篇")}</title></rect>'
            )
    out.append("</svg>")
    return "\n".join(out)
