"""The URL scheme of the browse pages and the small formatting helpers shared
by render, index and export.

Every generated page is addressed by its Markdown path relative to ``docs/``;
links between generated pages are relative ``.md`` links (``rel``), so MkDocs
checks them in ``--strict`` mode and rewrites them for any ``site_url``.
"""

from __future__ import annotations

import hashlib
import posixpath

from .reference.gazetteer import UNKNOWN_CITY, city_info
from .models import Document, Metadata

UNDATED = "日期不详"
UNDATED_SLUG = "undated"
PAGE_SIZE = 200  # entries per listing page before it is split



def rel(from_md: str, to: str) -> str:
    """Relative link from the page ``from_md`` to the docs path ``to``
    (which may carry a ``#fragment``)."""
    path, _, frag = to.partition("#")
    link = posixpath.relpath(path, posixpath.dirname(from_md) or ".")
    return link + (f"#{frag}" if frag else "")


def _hash_slug(prefix: str, text: str) -> str:
    return f"{prefix}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:10]}"


def city_name(meta: Metadata) -> str:
    return meta.city or UNKNOWN_CITY


def city_dir(name: str) -> str:
    return f"cities/{city_info(None if name == UNKNOWN_CITY else name).slug}/"


def year_key(meta: Metadata) -> str:
    return meta.year or UNDATED_SLUG


def year_dir(year: str) -> str:
    return f"years/{year}/"


def month_of(meta: Metadata) -> str | None:
    """``"04"`` for a date precise to the month or day, else None."""
    if meta.date and len(meta.date) >= 7 and meta.date_precision != "year":
        return meta.date[5:7]
    return None


def month_md(year: str, month: str) -> str:
    return f"years/{year}/{month}.md"


def person_md(name: str) -> str:
    return f"people/{_hash_slug('p', name)}.md"


def source_md(name: str) -> str:
    return f"sources/{_hash_slug('s', name)}.md"


def topic_md(name: str) -> str:
    return f"topics/{_hash_slug('t', name)}.md"


def raw_path(meta: Metadata) -> str:
    return f"raw/{meta.id}.txt"


def record_path(meta: Metadata, ext: str) -> str:
    """A document's citation record (``json``: CSL-JSON, ``ris``: RIS)."""
    return f"cite/{meta.id}.{ext}"


def page_md(base_dir: str, page: int) -> str:
    """Page ``page`` (1-based) of a paginated listing living in ``base_dir``."""
    return f"{base_dir}index.md" if page <= 1 else f"{base_dir}page-{page}.md"


def sort_key(doc: Document) -> tuple:
    """Chronological order: dated documents by date, undated last, then id."""
    return (0 if doc.meta.date else 1, doc.meta.date or "", doc.meta.id)


def format_date(meta: Metadata) -> str:
    """Human date with its precision: 2014年4月30日 / 2014年4月 / 2014年;
    an inferred date reads 约2015年（推断）."""
    if not meta.date:
        return UNDATED
    parts = meta.date.split("-")
    precision = meta.date_precision or {1: "year", 2: "month"}.get(len(parts), "day")
    try:
        y = parts[0]
        m = int(parts[1]) if len(parts) > 1 else None
        d = int(parts[2]) if len(parts) > 2 else None
    except ValueError:
        return meta.date
    text = f"{y}年"
    if precision in ("month", "day") and m:
        text += f"{m}月"
    if precision == "day" and d:
        text += f"{d}日"
    if meta.is_inferred("date"):
        text = f"约{text}（推断）"
    return text


def url_of(doc: Document, site_url: str) -> str:
    """Absolute URL when ``site_url`` is known, else the site-relative path."""
    return absolute(site_url, doc.url_dir)


def absolute(site_url: str, path: str) -> str:
    if not site_url:
        return path
    return site_url.rstrip("/") + "/" + path.lstrip("/")
