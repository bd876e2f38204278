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


# Both charts scale to their container (a viewBox, no fixed size; CSS gives
# width 100% and a maximum).  Sizes below are in viewBox units, chosen so that
# on a 390 px phone (a container of about 358 px) every label is at least
# 12 px and every link at least 24 px square; tests/browser/test_charts_fit.py
# measures both at 390 and 1280 px.
MAP_LABEL = 23  # label font size (the map is drawn at ~0.56 px per unit on a phone)
MAP_TARGET = 46  # smallest link box, each side


def _label_width(text: str, size: float) -> float:
    """Rough advance width: CJK characters 1 em, ASCII digits/letters 0.6 em."""
    return sum(size * (0.6 if ord(ch) < 0x2E80 else 1.0) for ch in text)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _place_label(x: float, y: float, r: float, w: float, h: float,
                 taken: list[tuple[float, float, float, float]]) -> tuple[str, float, float, tuple[float, float, float, float]]:
    """Where a city's label goes: below its circle if free, else above, right,
    left or diagonally, then one line further out; the position that overlaps
    placed labels and circles least.
    Returns (text-anchor, x, y of the label's vertical centre, box)."""
    candidates = []
    for gap in (2.0, 2.0 + h):  # beside the circle, then one line further out
        d = r * 0.7 + gap
        candidates += [
            ("middle", x, y + r + gap + h / 2),
            ("middle", x, y - r - gap - h / 2),
            ("start", x + r + gap + 1, y),
            ("end", x - r - gap - 1, y),
            ("start", x + d, y + d + h / 2),
            ("end", x - d, y + d + h / 2),
            ("start", x + d, y - d - h / 2),
            ("end", x - d, y - d - h / 2),
        ]
    best = None
    for i, (anchor, lx, ly) in enumerate(candidates):
        x0 = lx - w / 2 if anchor == "middle" else (lx if anchor == "start" else lx - w)
        box = (x0, ly - h / 2, x0 + w, ly + h / 2)
        outside = max(0.0, -box[0]) + max(0.0, box[2] - MAP_WIDTH) + max(0.0, -box[1]) + max(0.0, box[3] - MAP_HEIGHT)
        cost = sum(_overlap(box, t) for t in taken) + outside * h + i * 0.01
        if best is None or cost < best[0]:
            best = (cost, anchor, lx, ly, box)
    _, anchor, lx, ly, box = best  # type: ignore[misc]
    return anchor, lx, ly, box


def henan_map(cities: Sequence[MapCity], title: str = "河南省各市文献数量示意图") -> str:
    """The province outline with one circle per city, area ~ count, shade ~
    count, and a label "城市 篇数" placed clear of its neighbours."""
    top = max((c.count for c in cities), default=0) or 1
    outline = " ".join(f"{x},{y}" for x, y in (project(lon, lat) for lon, lat in HENAN_OUTLINE))
    out = [
        f'<svg class="archive-map" viewBox="0 0 {MAP_WIDTH} {MAP_HEIGHT}" role="group" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<polygon class="archive-map__outline" points="{outline}"/>',
    ]
    placed = [c for c in cities if c.city.lat is not None and c.city.lon is not None]
    linked = [c for c in placed if c.count and c.href]
    # Larger circles first (labels placed first, drawn first) so small ones
    # stay clickable on top; cities without documents last.
    order = sorted(linked, key=lambda c: (-c.count, c.city.slug)) + sorted(
        (c for c in placed if not (c.count and c.href)), key=lambda c: c.city.slug)
    geometry = []
    for item in order:
        x, y = project(item.city.lon, item.city.lat)  # type: ignore[arg-type]
        r = round(5 + 17 * math.sqrt(item.count / top), 1) if item in linked else 4.0
        geometry.append((item, x, y, r))
    taken: list[tuple[float, float, float, float]] = [(x - r, y - r, x + r, y + r) for _, x, y, r in geometry]
    for item, x, y, r in geometry:
        short = item.city.short
        linked_item = item in linked
        text = f"{short} {item.count}" if linked_item else short
        w = _label_width(text, MAP_LABEL)
        anchor, lx, ly, box = _place_label(x, y, r, w, MAP_LABEL, taken)
        taken.append(box)
        label = escape(short)
        tip = escape(f"{item.city.name}：{item.count} 篇")
        text_el = (f'<text x="{round(lx, 1)}" y="{round(ly, 1)}" text-anchor="{anchor}" dominant-baseline="central">{label}'
                   + (f' <tspan class="archive-map__count">{item.count}</tspan>' if linked_item else "") + "</text>")
        if linked_item:
            # An invisible box around circle and label: the link's tap target.
            x0, y0 = min(box[0], x - r), min(box[1], y - r)
            x1, y1 = max(box[2], x + r), max(box[3], y + r)
            if x1 - x0 < MAP_TARGET:
                x0, x1 = (x0 + x1 - MAP_TARGET) / 2, (x0 + x1 + MAP_TARGET) / 2
            if y1 - y0 < MAP_TARGET:
                y0, y1 = (y0 + y1 - MAP_TARGET) / 2, (y0 + y1 + MAP_TARGET) / 2
            shade = round(0.35 + 0.6 * item.count / top, 2)
            # The accessible name starts with the visible text (WCAG 2.5.3).
            out.append(
                f'<a class="archive-map__city" href="{escape(item.href)}" data-city="{escape(item.city.slug)}" '
                f'aria-label="{label} {item.count} 篇">'
                f"<title>{tip}</title>"
                f'<rect class="archive-map__target" x="{round(x0, 1)}" y="{round(y0, 1)}" width="{round(x1 - x0, 1)}" height="{round(y1 - y0, 1)}"/>'
                f'<circle cx="{x}" cy="{y}" r="{r}" fill-opacity="{shade}"/>'
                f"{text_el}</a>"
            )
        else:
            out.append(f'<g class="archive-map__empty"><title>{tip}</title>'
                       f'<circle cx="{x}" cy="{y}" r="{r}"/>{text_el}</g>')
    out.append("</svg>")
    return "\n".join(out)


@dataclass(frozen=True)
class YearBars:
    year: str
    months: tuple[int, ...]  # 12 counts, January first
    unknown_month: int  # documents dated to the year only
    href: str | None  # the year page (None for a year without documents)
    month_hrefs: tuple[str | None, ...]  # 12 links (None where the month is empty)


# Timeline geometry (viewBox units): one row per year, a label column and
# twelve month columns, so it wraps any number of years into rows and stays
# legible on a phone (~1.04 px per unit at 390 px).
TL_LABEL_W = 58  # the year label column
TL_SLOT = 24  # one month column: the month link's width
TL_ROW = 40  # one year's row: the links' height
TL_HEAD = 20  # the month numbers on top
TL_FONT_YEAR, TL_FONT_SMALL = 14, 12
TL_WIDTH = TL_LABEL_W + 12 * TL_SLOT + 2


def timeline(years: Sequence[YearBars], title: str = "各年各月文献数量") -> str:
    """One row per year: the year and its total (a link to the year page),
    then twelve month columns, each a bar with its count (a link to the month
    page).  Documents dated to the year only count in the total and show as a
    grey mark in the label column."""
    if not years:
        return ""
    peak = max(max(y.months) for y in years) or 1
    bar_max = TL_ROW - TL_FONT_SMALL - 8
    height = TL_HEAD + TL_ROW * len(years) + 2
    out = [
        f'<svg class="archive-timeline" viewBox="0 0 {TL_WIDTH} {height}" role="group" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for m in range(12):
        cx = TL_LABEL_W + m * TL_SLOT + TL_SLOT / 2
        out.append(f'<text class="archive-timeline__month" x="{cx}" y="{TL_HEAD - 6}" text-anchor="middle" aria-hidden="true">{m + 1}</text>')
    for i, y in enumerate(years):
        top = TL_HEAD + i * TL_ROW
        base = top + TL_ROW - 3
        total = sum(y.months) + y.unknown_month
        out.append(f'<line class="archive-timeline__axis" x1="{TL_LABEL_W}" y1="{base}" x2="{TL_WIDTH - 2}" y2="{base}"/>')
        visible = f"{y.year} {total}篇"
        unknown = f"，其中月份不详 {y.unknown_month} 篇" if y.unknown_month else ""
        out.append(f'<a class="archive-timeline__year" href="{escape(y.href)}" aria-label="{escape(visible + unknown)}">'
                   if y.href else '<g class="archive-timeline__year">')
        out.append(f'<rect class="archive-timeline__band" x="0" y="{top + 1}" width="{TL_LABEL_W - 4}" height="{TL_ROW - 2}"/>')
        out.append(f'<text x="2" y="{top + 16}">{escape(y.year)}</text>')
        out.append(f'<text class="archive-timeline__total" x="2" y="{top + 32}">{total}篇</text>')
        out.append("</a>" if y.href else "</g>")
        if y.unknown_month:
            h = max(2.0, round(bar_max * min(y.unknown_month, peak) / peak, 1))
            out.append(
                f'<rect class="archive-timeline__bar archive-timeline__bar--unknown" x="{TL_LABEL_W - 9}" y="{round(base - h, 1)}" '
                f'width="4" height="{h}"><title>{escape(f"{y.year}年，月份不详：{y.unknown_month} 篇")}</title></rect>'
            )
        for m, count in enumerate(y.months):
            if not count:
                continue
            x0 = TL_LABEL_W + m * TL_SLOT
            h = max(2.0, round(bar_max * count / peak, 1))
            tip = escape(f"{y.year}年{m + 1}月：{count} 篇")
            cell = (
                f"<title>{tip}</title>"
                f'<rect class="archive-timeline__target" x="{x0}" y="{top}" width="{TL_SLOT}" height="{TL_ROW}"/>'
                f'<rect class="archive-timeline__bar" x="{x0 + 4}" y="{round(base - h, 1)}" width="{TL_SLOT - 8}" height="{h}"/>'
                f'<text class="archive-timeline__count" x="{x0 + TL_SLOT / 2}" y="{round(base - h - 2, 1)}" text-anchor="middle">{count}</text>'
            )
            href = y.month_hrefs[m] if m < len(y.month_hrefs) else None
            out.append(f'<a class="archive-timeline__cell" href="{escape(href)}" aria-label="{count} 篇，{escape(y.year)}年{m + 1}月">{cell}</a>'
                       if href else f'<g class="archive-timeline__cell">{cell}</g>')
    out.append("</svg>")
    return "\n".join(out)
