"""Atom feed of the latest documents (``feed.xml`` at the site root).

Entries are the :data:`FEED_SIZE` most recent dated documents by their own
date (the archive has no "added on" timestamp, and build time must not leak
into output).  A date known only to the month or year is given as its first
day.  Links are absolute when ``site_url`` is set, else relative to the feed,
which sits at the site root.  Ids are ``urn:uuid`` derived from the document
id, so they never change when the site moves.
"""

from __future__ import annotations

import uuid
from typing import Sequence
from xml.sax.saxutils import escape as xml_escape, quoteattr

from ..config import Settings
from ..models import Document
from ..fields import DOC_TYPE_LABELS
from ..paths import absolute, city_name, format_date

FEED_PATH = "feed.xml"
FEED_SIZE = 50
_NS = uuid.UUID("6f2c1f0e-7b1a-5c3e-9f4d-3a1e8b2c4d5e")
_XML_INVALID = dict.fromkeys([c for c in range(32) if c not in (9, 10, 13)] + [0xFFFE, 0xFFFF])


def _text(value: str) -> str:
    return xml_escape(value.translate(_XML_INVALID))


def _attr(value: str) -> str:
    return quoteattr(value.translate(_XML_INVALID))


def _timestamp(date: str) -> str:
    parts = (date.split("-") + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]:0>2}-{parts[2]:0>2}T00:00:00+08:00"


def entry_id(doc: Document) -> str:
    return f"urn:uuid:{uuid.uuid5(_NS, doc.meta.id)}"


def latest(documents: Sequence[Document], n: int = FEED_SIZE) -> list[Document]:
    dated = [d for d in documents if d.meta.date]
    return sorted(dated, key=lambda d: (_timestamp(d.meta.date or ""), d.meta.id), reverse=True)[:n]


def atom_feed(documents: Sequence[Document], settings: Settings) -> bytes:
    entries = latest(documents)
    site = settings.site_url
    updated = _timestamp(entries[0].meta.date or "") if entries else "2013-01-01T00:00:00+08:00"
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
        f"  <title>{_text(settings.site_name)}</title>",
        "  <subtitle>最新收录的文献（按文献日期）</subtitle>",
        f"  <id>urn:uuid:{uuid.uuid5(_NS, 'feed:' + settings.site_name)}</id>",
        f"  <updated>{updated}</updated>",
        f'  <link rel="self" type="application/atom+xml" href={_attr(absolute(site, FEED_PATH))}/>',
        f'  <link rel="alternate" type="text/html" href={_attr(site or "./")}/>',
        "  <author><name>" + _text(settings.site_name) + "</name></author>",
    ]
    for doc in entries:
        m = doc.meta
        link = absolute(site, doc.url_dir)
        summary = m.summary or "；".join(x for x in (format_date(m), city_name(m), m.source or "", DOC_TYPE_LABELS.get(m.doc_type, "")) if x)
        out += [
            "  <entry>",
            f"    <title>{_text(m.title)}</title>",
            f"    <id>{entry_id(doc)}</id>",
            f'    <link rel="alternate" type="text/html" href={_attr(link)}/>',
            f"    <updated>{_timestamp(m.date or '')}</updated>",
            f"    <published>{_timestamp(m.date or '')}</published>",
        ]
        for reporter in m.reporters:
            out.append(f"    <author><name>{_text(reporter)}</name></author>")
        if m.city:
            out.append(f"    <category term={_attr(m.city)}/>")
        for keyword in m.keywords:
            out.append(f"    <category term={_attr(keyword)}/>")
        out += [f"    <summary>{_text(summary)}</summary>", "  </entry>"]
    out.append("</feed>")
    return ("\n".join(out) + "\n").encode("utf-8")
