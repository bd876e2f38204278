"""Stage 5 — index: all documents -> the browse pages.

* ``cities/index.md``: map of Henan (static SVG) and a table of cities;
  ``cities/<slug>/index.md`` (+ ``page-N.md``): one city's documents grouped
  by year, oldest first; ``cities/unknown/`` collects 未知城市.
* ``years/index.md``: timeline (static SVG) and a table of years;
  ``years/<year>/index.md`` grouped by month, ``years/<year>/<MM>.md`` one
  month; ``years/undated/`` collects undated documents.
* ``people/``, ``sources/``, ``topics/``: an index and one page per person,
  source and keyword.
* ``.archive-home.md``: the generated part of the home page (counts, latest
  documents, city × year matrix, search box).  MkDocs ignores dot-files; the
  plugin substitutes it for the ``<!-- archive:home -->`` marker of
  ``docs/index.md``, so hand-written and generated text stay apart.

Listings longer than :data:`~generator.paths.PAGE_SIZE` entries are split
into pages.  Every link is a relative ``.md`` link (``paths.rel``), except
inside the SVG charts, whose ``href``s are directory URLs computed here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from html import escape
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from . import charts
from ..config import Settings
from ..reference.gazetteer import UNKNOWN_CITY, city_order, henan_cities
from ..models import Document, OutputFile
from ..fields import DOC_TYPE_LABELS, label
from ..paths import (PAGE_SIZE, UNDATED, UNDATED_SLUG, city_dir, city_name, format_date, month_md,
                    month_of, page_md, person_md, rel, sort_key, source_md, topic_md, year_dir, year_key)
from ..render.page import front_matter, inline

HOME_SNIPPET = ".archive-home.md"
HOME_MARKER = "<!-- archive:home -->"
LATEST_COUNT = 10

# Re-exported for callers of the baseline API.
__all__ = ["build_listings", "HOME_SNIPPET", "HOME_MARKER", "UNKNOWN_CITY", "UNDATED"]


# --- generic listing machinery ----------------------------------------------


@dataclass
class Section:
    heading: str  # Markdown-safe text
    anchor: str
    docs: list[Document]


def _table(here: str, docs: Iterable[Document], show_city: bool = False) -> list[str]:
    """A listing table; the copies of one text (同文异源) in it show once, the
    first listed, with how many there are (the page lists the others)."""
    head = "| 标题 | 日期 | " + ("城市 | " if show_city else "") + "类型 | 来源 |"
    lines = [head, "|---|---|" + ("---|" if show_city else "") + "---|---|"]
    docs = list(docs)
    copies = Counter(d.meta.repost_group for d in docs if d.meta.repost_group)
    shown: set[str] = set()
    for doc in docs:
        m = doc.meta
        group = m.repost_group
        if group and group in shown:
            continue
        shown.add(group or "")
        badge = ""
        if group and copies[group] > 1:
            tip = f"{label('repost_group')}：本列表中同一篇文字共 {copies[group]} 篇，文献页列出各处来源"
            badge = f' <span class="archive-reposts" title="{escape(tip)}">{escape(label("repost_group"))}×{copies[group]}</span>'
        cells = [f"[{inline(m.title)}]({rel(here, doc.md_path)}){badge}", inline(format_date(m))]
        if show_city:
            cells.append(inline(city_name(m)))
        cells += [inline(DOC_TYPE_LABELS.get(m.doc_type, m.doc_type)),
                  inline(m.source or "") + (f"，{inline(m.source_page)}" if m.source_page else "")]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _pager(here: str, paths: list[str], current: int) -> str:
    if len(paths) <= 1:
        return ""
    items = []
    if current > 1:
        items.append(f"[← 上一页]({rel(here, paths[current - 2])})")
    for i, path in enumerate(paths, 1):
        items.append(f"**{i}**" if i == current else f"[{i}]({rel(here, path)})")
    if current < len(paths):
        items.append(f"[下一页 →]({rel(here, paths[current])})")
    return f'<div class="archive-pager" markdown>\n第 {current} 页，共 {len(paths)} 页：' + " ".join(items) + "\n</div>"


def paginate(sections: list[Section], page_path: Callable[[int], str]) -> tuple[list[list[Section]], dict[str, str]]:
    """Split sections into pages of at most PAGE_SIZE documents (a section may
    continue on the next page).  Returns the pages and, for every section
    anchor, the path of the page where it starts."""
    pages: list[list[Section]] = [[]]
    count = 0
    first_page: dict[str, str] = {}
    for section in sections:
        docs = list(section.docs)
        first = True
        while docs:
            if count >= PAGE_SIZE:
                pages.append([])
                count = 0
            take = docs[: PAGE_SIZE - count]
            docs = docs[len(take):]
            heading = section.heading if first else f"{section.heading}（续）"
            if first:
                first_page[section.anchor] = page_path(len(pages))
            pages[-1].append(Section(heading, section.anchor, take))
            count += len(take)
            first = False
    return pages, first_page


def listing_pages(title: str, intro: list[str], sections: list[Section], page_path: Callable[[int], str],
                  show_city: bool = False, headings: bool = True) -> tuple[list[OutputFile], dict[str, str]]:
    pages, first_page = paginate(sections, page_path)
    paths = [page_path(i) for i in range(1, len(pages) + 1)]
    files = []
    for i, page in enumerate(pages, 1):
        here = paths[i - 1]
        page_title = title if i == 1 else f"{title}（第{i}页）"
        lines = [front_matter({"title": page_title}), f"# {inline(page_title)}", ""]
        lines += intro if i == 1 else []
        pager = _pager(here, paths, i)
        if pager:
            lines += [pager, ""]
        for section in page:
            if headings:
                lines += [f"## {section.heading} {{#{section.anchor}}}", ""]
            lines += _table(here, section.docs, show_city) + [""]
        if not any(s.docs for s in page):
            lines += ["（暂无文献）", ""]
        if pager:
            lines += [pager, ""]
        files.append(OutputFile(here, "\n".join(lines).encode("utf-8")))
    return files, first_page


def _span(docs: Sequence[Document]) -> str:
    years = sorted({d.meta.year for d in docs if d.meta.year})
    if not years:
        return ""
    return f"{years[0]}年" if years[0] == years[-1] else f"{years[0]}—{years[-1]}年"


def _by_year_sections(docs: Sequence[Document]) -> list[Section]:
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        groups[year_key(doc.meta)].append(doc)
    keys = sorted(k for k in groups if k != UNDATED_SLUG) + ([UNDATED_SLUG] if UNDATED_SLUG in groups else [])
    return [Section(UNDATED if k == UNDATED_SLUG else f"{k}年", "undated" if k == UNDATED_SLUG else f"y{k}",
                    sorted(groups[k], key=sort_key)) for k in keys]


# --- cities -----------------------------------------------------------------


@dataclass
class CityPages:
    files: list[OutputFile]
    year_target: dict[tuple[str, str], str]  # (city, year key) -> "path#anchor"


def city_pages(documents: Sequence[Document]) -> CityPages:
    by_city: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        by_city[city_name(doc.meta)].append(doc)
    files: list[OutputFile] = []
    targets: dict[tuple[str, str], str] = {}
    for name in sorted(by_city, key=city_order):
        docs = by_city[name]
        base = city_dir(name)
        here = page_md(base, 1)
        sections = _by_year_sections(docs)
        # Jump links need the page each year starts on, so paginate first.
        _, first_page = paginate(sections, lambda n, b=base: page_md(b, n))
        jumps = " · ".join(
            f"[{s.heading}]({rel(here, first_page[s.anchor])}#{s.anchor})（{len(s.docs)}）" for s in sections)
        span = _span(docs)
        intro = [f"共 {len(docs)} 篇" + (f"，{span}" if span else "") + "。按年份：" + jumps, "",
                 f"[← 全部城市]({rel(here, 'cities/index.md')})", ""]
        pages, _ = listing_pages(name, intro, sections, lambda n, b=base: page_md(b, n))
        files += pages
        for s in sections:
            targets[(name, s.anchor)] = f"{first_page[s.anchor]}#{s.anchor}"
    return CityPages(files, targets)


def cities_overview(documents: Sequence[Document]) -> OutputFile:
    here = "cities/index.md"
    counts = Counter(city_name(d.meta) for d in documents)
    map_items = []
    for city in henan_cities():
        n = counts.get(city.name, 0)
        map_items.append(charts.MapCity(city, n, f"{city.slug}/" if n else None))
    lines = [front_matter({"title": "按城市浏览"}), "# 按城市浏览", "",
             "点击地图上的城市，或在下表中选择。圆圈面积与颜色深浅表示文献数量（地图为示意，边界经过简化）。", "",
             '<figure class="archive-figure">', charts.henan_map(map_items), "</figure>", "",
             "| 城市 | 篇数 | 年份 |", "|---|---|---|"]
    docs_by_city: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        docs_by_city[city_name(doc.meta)].append(doc)
    for name in sorted(counts, key=city_order):
        lines.append(f"| [{inline(name)}]({rel(here, city_dir(name) + 'index.md')}) | {counts[name]} | {inline(_span(docs_by_city[name]))} |")
    if not counts:
        lines.append("| （暂无文献） | 0 | |")
    return OutputFile(here, ("\n".join(lines) + "\n").encode("utf-8"))


# --- years ------------------------------------------------------------------


def _month_sections(docs: Sequence[Document]) -> list[Section]:
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        groups[month_of(doc.meta) or "00"].append(doc)
    return [Section("月份不详" if m == "00" else f"{int(m)}月", f"m{m}", sorted(groups[m], key=sort_key))
            for m in sorted(groups, key=lambda m: (m == "00", m))]


def year_pages(documents: Sequence[Document]) -> tuple[list[OutputFile], list[charts.YearBars]]:
    by_year: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        by_year[year_key(doc.meta)].append(doc)
    files: list[OutputFile] = []
    bars: list[charts.YearBars] = []
    for year in sorted(by_year):
        docs = by_year[year]
        base = year_dir(year)
        here = page_md(base, 1)
        if year == UNDATED_SLUG:
            intro = [f"共 {len(docs)} 篇，原文未载日期，也未能推断。", "", f"[← 全部年份]({rel(here, 'years/index.md')})", ""]
            section = Section(UNDATED, "undated", sorted(docs, key=sort_key))
            files += listing_pages(UNDATED, intro, [section], lambda n, b=base: page_md(b, n), show_city=True,
                                   headings=False)[0]
            continue
        sections = _month_sections(docs)
        month_links = []
        months = [0] * 12
        month_hrefs: list[str | None] = [None] * 12
        unknown = 0
        for s in sections:
            m = s.anchor[1:]
            if m == "00":
                unknown = len(s.docs)
                month_links.append(f"月份不详（{len(s.docs)}）")
                continue
            months[int(m) - 1] = len(s.docs)
            month_hrefs[int(m) - 1] = f"{year}/{m}/"
            month_links.append(f"[{int(m)}月]({rel(here, month_md(year, m))})（{len(s.docs)}）")
            title = f"{year}年{int(m)}月"
            intro = [f"共 {len(s.docs)} 篇。", "", f"[← {year}年]({rel(month_md(year, m), here)})", ""]
            files += listing_pages(title, intro, [s], lambda n, y=year, mm=m: month_md(y, mm) if n <= 1 else f"years/{y}/{mm}-page-{n}.md",
                                   show_city=True, headings=False)[0]
        intro = [f"共 {len(docs)} 篇。按月份：" + " · ".join(month_links), "", f"[← 全部年份]({rel(here, 'years/index.md')})", ""]
        files += listing_pages(f"{year}年", intro, sections, lambda n, b=base: page_md(b, n), show_city=True)[0]
        bars.append(charts.YearBars(year, tuple(months), unknown, f"{year}/", tuple(month_hrefs)))
    # A continuous axis: years without documents appear as empty groups.
    if bars:
        have = {b.year: b for b in bars}
        first, last = int(bars[0].year), int(bars[-1].year)
        if last - first < 100:
            bars = [have.get(str(y)) or charts.YearBars(str(y), (0,) * 12, 0, None, (None,) * 12) for y in range(first, last + 1)]
    return files, bars


def years_overview(documents: Sequence[Document], bars: list[charts.YearBars]) -> OutputFile:
    here = "years/index.md"
    counts = Counter(year_key(d.meta) for d in documents)
    lines = [front_matter({"title": "按年份浏览"}), "# 按年份浏览", ""]
    if bars:
        lines += ["每组柱形为一年的十二个月，灰色柱为只知年份、不知月份的文献。点击年份或柱形进入。", "",
                  '<figure class="archive-figure archive-figure--wide">', charts.timeline(bars), "</figure>", ""]
    lines += ["| 年份 | 篇数 |", "|---|---|"]
    for year in sorted(k for k in counts if k != UNDATED_SLUG):
        lines.append(f"| [{year}年]({rel(here, year_dir(year) + 'index.md')}) | {counts[year]} |")
    if UNDATED_SLUG in counts:
        lines.append(f"| [{UNDATED}]({rel(here, year_dir(UNDATED_SLUG) + 'index.md')}) | {counts[UNDATED_SLUG]} |")
    if not counts:
        lines.append("| （暂无文献） | 0 |")
    return OutputFile(here, ("\n".join(lines) + "\n").encode("utf-8"))


# --- people, sources, topics --------------------------------------------------


def _entity_pages(kind_title: str, index_path: str, groups: dict[str, list[Document]], path_of: Callable[[str], str],
                  extra_col: tuple[str, Callable[[str], str]] | None = None, blurb: str = "",
                  more_intro: Callable[[str, str], list[str]] | None = None) -> list[OutputFile]:
    files: list[OutputFile] = []
    names = sorted(groups, key=lambda n: (-len(groups[n]), n))
    for name in names:
        path = path_of(name)
        base = path[: -len(".md")]
        intro = [f"共 {len(groups[name])} 篇。", ""]
        if extra_col:
            detail = extra_col[1](name)
            if detail:
                intro += [f"{extra_col[0]}：{detail}", ""]
        if more_intro:
            intro += more_intro(name, path)
        intro += [f"[← {kind_title}]({rel(path, index_path)})", ""]
        section = Section(name, "docs", sorted(groups[name], key=sort_key))
        files += listing_pages(name, intro, [section], lambda n, p=path, b=base: p if n <= 1 else f"{b}-page-{n}.md",
                               show_city=True, headings=False)[0]
    # The index itself, paginated by entries.
    chunks = [names[i:i + PAGE_SIZE] for i in range(0, len(names), PAGE_SIZE)] or [[]]
    index_paths = [index_path if i == 0 else index_path.replace("index.md", f"page-{i + 1}.md") for i in range(len(chunks))]
    for i, chunk in enumerate(chunks, 1):
        here = index_paths[i - 1]
        title = kind_title if i == 1 else f"{kind_title}（第{i}页）"
        head = "| 名称 | 篇数 |" + (f" {extra_col[0]} |" if extra_col else "")
        lines = [front_matter({"title": title}), f"# {title}", "", blurb, "", f"共 {len(names)} 项。", ""]
        pager = _pager(here, index_paths, i)
        lines += [pager, ""] if pager else []
        lines += [head, "|---|---|" + ("---|" if extra_col else "")]
        for name in chunk:
            row = f"| [{inline(name)}]({rel(here, path_of(name))}) | {len(groups[name])} |"
            if extra_col:
                row += f" {extra_col[1](name)} |"
            lines.append(row)
        if not chunk:
            lines.append("| （暂无） | 0 |" + (" |" if extra_col else ""))
        lines += ["", pager] if pager else []
        files.append(OutputFile(here, ("\n".join(lines) + "\n").encode("utf-8")))
    return files


def people_pages(documents: Sequence[Document]) -> list[OutputFile]:
    groups: dict[str, list[Document]] = defaultdict(list)
    titles: dict[str, Counter] = defaultdict(Counter)
    for doc in documents:
        seen = set()
        for person in doc.meta.people:
            if person.name and person.name not in seen:
                seen.add(person.name)
                groups[person.name].append(doc)
            if person.name and person.title:
                titles[person.name][person.title] += 1
    describe = lambda name: "；".join(inline(t) for t, _ in sorted(titles[name].items(), key=lambda kv: (-kv[1], kv[0])))
    return _entity_pages("人物", "people/index.md", groups, person_md, ("职务", describe),
                         "文献中出现的官员及其职务（职务按文献中的称谓记录，同一人在不同时期可能不同）。",
                         lambda name, here: career_table(name, groups[name], here))


def career_table(name: str, docs: Sequence[Document], here: str) -> list[str]:
    """A person's career line: each title the documents give them, with the
    first and the last dated document that names them so, earliest first."""
    held: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        for title in sorted({p.title for p in doc.meta.people if p.name == name and p.title}):
            held[title].append(doc)
    if not held:
        return []

    def cell(doc: Document | None) -> str:
        return f"[{inline(format_date(doc.meta))}]({rel(here, doc.md_path)})" if doc else "日期不详"

    rows = []
    for title, ds in held.items():
        dated = sorted((d for d in ds if d.meta.date), key=sort_key)
        first, last = (dated[0], dated[-1]) if dated else (None, None)
        rows.append(((first.meta.date if first else "9999"), title, first, last, len(ds)))
    lines = ["## 职务变化 {#career}", "", "按文献记载的称谓，各职务最早与最晚见于哪篇有日期的文献。", "",
             "| 职务 | 最早 | 最晚 | 篇数 |", "|---|---|---|---|"]
    for _date, title, first, last, n in sorted(rows):
        lines.append(f"| {inline(title)} | {cell(first)} | {cell(last) if last is not first else '（同左）'} | {n} |")
    return lines + ["", "## 文献 {#docs}", ""]


def source_pages(documents: Sequence[Document]) -> list[OutputFile]:
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        if doc.meta.source:
            groups[doc.meta.source].append(doc)
    return _entity_pages("来源", "sources/index.md", groups, source_md, ("年份", lambda n: inline(_span(groups[n]))),
                         "刊载文献的报纸、网站与出版物。")


def topic_pages(documents: Sequence[Document]) -> list[OutputFile]:
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        for keyword in dict.fromkeys(doc.meta.keywords):
            if keyword:
                groups[keyword].append(doc)
    return _entity_pages("主题", "topics/index.md", groups, topic_md, None, "按关键词归类的文献。")


# --- home -------------------------------------------------------------------


def home_snippet(documents: Sequence[Document], city_targets: dict[tuple[str, str], str]) -> str:
    here = "index.md"
    n = len(documents)
    cities = {city_name(d.meta) for d in documents} - {UNKNOWN_CITY}
    years = sorted({d.meta.year for d in documents if d.meta.year})
    people = {p.name for d in documents for p in d.meta.people if p.name}
    sources = {d.meta.source for d in documents if d.meta.source}
    undated = sum(1 for d in documents if not d.meta.date)
    lines = [
        '<form class="archive-searchbox" action="search/" method="get" role="search">',
        '<input type="search" name="q" placeholder="全文检索，如：产业集聚区 招商引资" aria-label="检索词" required>',
        '<button type="submit">检索</button>',
        "</form>",
        "",
        "## 收录概况",
        "",
        '<div class="archive-stats" markdown>',
        "",
        f"- **{n}** 篇文献",
        f"- **{len(cities)}** 个城市",
        f"- **{years[0]}—{years[-1]}** 年" if years else "- 年份待定",
        f"- **{len(people)}** 位人物",
        f"- **{len(sources)}** 个来源",
        "",
        "</div>",
        "",
    ]
    if undated:
        lines += [f"另有 {undated} 篇日期不详。", ""]
    dated = sorted((d for d in documents if d.meta.date), key=lambda d: (d.meta.date, d.meta.id), reverse=True)
    latest = (dated + sorted((d for d in documents if not d.meta.date), key=lambda d: d.meta.id))[:LATEST_COUNT]
    lines += ["## 最新文献", ""]
    for doc in latest:
        lines.append(f"- {inline(format_date(doc.meta))} [{inline(doc.meta.title)}]({rel(here, doc.md_path)})"
                     f"（{inline(city_name(doc.meta))}）")
    if not latest:
        lines.append("- （暂无文献）")
    lines += ["", "订阅更新：[Atom 源](feed.xml) · 下载全部元数据：[数据下载](data/index.md)", ""]
    # City x year matrix.
    counts = Counter((city_name(d.meta), year_key(d.meta)) for d in documents)
    cols = years + ([UNDATED_SLUG] if undated else [])
    rows = [c.name for c in henan_cities()]
    rows += sorted({city_name(d.meta) for d in documents} - set(rows) - {UNKNOWN_CITY}, key=city_order)
    if any(city_name(d.meta) == UNKNOWN_CITY for d in documents):
        rows.append(UNKNOWN_CITY)
    lines += ["## 城市 × 年份", "", "表中数字为篇数，点击进入该城市该年份的文献列表。", ""]
    header = "| 城市 | " + " | ".join(
        f"[{y}]({rel(here, year_dir(y) + 'index.md')})" if y != UNDATED_SLUG else f"[不详]({rel(here, year_dir(y) + 'index.md')})"
        for y in cols) + " | 合计 |"
    lines += ['<div class="archive-matrix" markdown>', "", header, "|---|" + "---:|" * (len(cols) + 1)]
    for name in rows:
        total = sum(counts.get((name, y), 0) for y in cols)
        label = f"[{inline(name)}]({rel(here, city_dir(name) + 'index.md')})" if total else inline(name)
        cells = []
        for y in cols:
            c = counts.get((name, y), 0)
            anchor = "undated" if y == UNDATED_SLUG else f"y{y}"
            target = city_targets.get((name, anchor))
            cells.append(f"[{c}]({rel(here, target)})" if c and target else "·")
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {total} |")
    lines += ["", "</div>", ""]
    return "\n".join(lines)


def build_listings(documents: Sequence[Document], settings: Settings) -> list[OutputFile]:
    cities = city_pages(documents)
    year_files, bars = year_pages(documents)
    files = [cities_overview(documents), *cities.files, years_overview(documents, bars), *year_files,
             *people_pages(documents), *source_pages(documents), *topic_pages(documents),
             OutputFile(HOME_SNIPPET, home_snippet(documents, cities.year_target).encode("utf-8"))]
    return files
