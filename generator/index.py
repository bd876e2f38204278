"""Stage 5 — index: all documents -> city, year and other listing pages.

(Baseline: plain city and year lists.)
"""

from __future__ import annotations

from collections import defaultdict
from typing import Sequence

from .config import Settings
from .models import Document, OutputFile
from .render import inline

UNKNOWN_CITY = "未知城市"
UNDATED = "日期不详"


def _link(doc: Document, from_dir: str) -> str:
    depth = from_dir.count("/")
    return "../" * depth + doc.md_path


def _listing(title: str, groups: dict[str, list[Document]], from_dir: str) -> str:
    lines = [f"# {title}", ""]
    for key in sorted(groups):
        lines += [f"## {inline(key)}", ""]
        for doc in sorted(groups[key], key=lambda d: (d.meta.date or "", d.meta.id)):
            lines.append(f"- [{inline(doc.meta.title)}]({_link(doc, from_dir)}) {inline(doc.meta.date or UNDATED)}")
        lines.append("")
    return "\n".join(lines)


def build_listings(documents: Sequence[Document], settings: Settings) -> list[OutputFile]:
    by_city: dict[str, list[Document]] = defaultdict(list)
    by_year: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        by_city[doc.meta.city or UNKNOWN_CITY].append(doc)
        by_year[doc.meta.year or UNDATED].append(doc)
    return [
        OutputFile("cities/index.md", _listing("按城市浏览", by_city, "cities/").encode("utf-8")),
        OutputFile("years/index.md", _listing("按年份浏览", by_year, "years/").encode("utf-8")),
    ]
