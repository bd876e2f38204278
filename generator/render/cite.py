"""Citations of one document: GB/T 7714 (2025 and 2015 editions) and BibTeX.

GB/T 7714—2025《信息与文献 参考文献著录规则》 replaces the 2015 edition from
2026-07-01; the archive offers the 2025 form first and the 2015 form beside it.
A document is cited as what it is, with the archive page as access path:

* a newspaper report (the source is a 报, or a page is known) as a
  contribution to a serial, ``[N/OL]``:
  ``记者，记者. 题名[N/OL]. 报纸名，2014-04-30（1）. URL.``  The 2015 edition
  adds the citation date after the issue, ``2014-04-30(1)[引用日期]``; the
  2025 edition keeps a citation date only for web pages, data sets and
  preprints;
* anything else (a news site, a speech text) as a web page, ``[EB/OL]``:
  ``责任者. 题名[EB/OL]. （2014-04-30）[引用日期]. URL.``

Punctuation (:data:`PUNCTUATION`): GB/T 7714—2025 §7 (著录用符号) has the
full stop ``.`` and the square brackets ``[ ]`` half-width and every other
mark full-width, so a Chinese entry reads ``王明，李华`` and ``2014-04-30（1）``;
the 2015 edition does not fix the width, and its official CSL style (the
oracle in ``tests/test_cite_oracle.py``) prints half-width ``, `` and ``( )``,
which the 2015 form follows.  A subtitle joins the title with the Chinese
colon ``：`` in both editions, as a Chinese title is written.

The same record is offered as data a reference manager imports —
:func:`csl_item` (CSL-JSON), :func:`ris` — and as Highwire ``citation_*``
meta tags (:func:`highwire`) for Zotero's page translator.

Responsible persons: the reporters (at most three, then 等); for a speech
with exactly one named person, that person; for a web page without either,
the source as the responsible organisation.  An inferred date is given in
square brackets as an estimated date (7.5.4.3), e.g. ``[2015]``; a web page's
creation date is optional and is left out when it is only inferred.

The citation date is when the *reader* cites, so it cannot be fixed at build
time (output must be deterministic): the text carries :data:`CITE_DATE`, which
the page shows as a placeholder that ``archive.js`` fills with today's date.
Likewise :data:`URL` stands for the page's address when no ``site_url`` is
configured.  All functions return plain text; callers escape for HTML.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Callable

from ..models import Document, Metadata
from ..paths import url_of
from ..reference.vocabulary import compose

CITE_DATE = "\u2063CITE_DATE\u2063"  # placeholder tokens; cannot occur in documents after cleaning
URL = "\u2063URL\u2063"

EDITIONS = ("2025", "2015")


@dataclass(frozen=True)
class Punctuation:
    comma: str  # between names, and between a serial's name and its date
    open: str  # around a newspaper's page and a web page's creation date
    close: str


#: Why: GB/T 7714—2025 §7 — ``.`` and ``[ ]`` half-width, every other
#: identifying mark full-width (the standard's text as quoted in the CSL and
#: LaTeX styles' discussions, and its drafter's 中文逗号; its own examples print
#: ``北京：中华书局，2000``); 2015 — as its official CSL style prints.
PUNCTUATION = {"2025": Punctuation("，", "（", "）"), "2015": Punctuation(", ", "(", ")")}
ETAL = "等"  # after the third name (GB/T 7714 8.1.2: at most three names, then 等)
SUBTITLE_COLON = "："
_NEWSPAPER = re.compile(compose(r"(报|报社|报业集团)$|{{newspaper_suffixes}}"))


def is_newspaper(meta: Metadata) -> bool:
    source = (meta.source or "").strip()
    return bool(source and (_NEWSPAPER.search(source) or meta.source_page))


def responsible(meta: Metadata, with_source: bool = False) -> list[str]:
    names = [n for n in meta.reporters if n.strip()]
    if not names and meta.doc_type == "speech" and len(meta.people) == 1:
        names = [meta.people[0].name]
    if not names and with_source and meta.source:
        names = [meta.source]
    return names


def _authors_gbt(names: list[str], punct: Punctuation) -> str:
    if len(names) > 3:
        return punct.comma.join([*names[:3], ETAL])
    return punct.comma.join(names)


def _date_gbt(meta: Metadata) -> str:
    if not meta.date:
        return ""
    return f"[{meta.date}]" if meta.is_inferred("date") else meta.date


def _page(meta: Metadata) -> str:
    page = (meta.source_page or "").strip()
    page = re.sub(r"^第\s*|\s*版$", "", page)
    return str(int(page)) if page.isdigit() else page


def _title(meta: Metadata) -> str:
    return meta.title + (f"{SUBTITLE_COLON}{meta.subtitle}" if meta.subtitle else "")


def gbt7714(doc: Document, site_url: str = "", edition: str = "2025") -> str:
    """One reference-list entry (without the ``[n]`` number)."""
    if edition not in EDITIONS:
        raise ValueError(f"unknown GB/T 7714 edition {edition!r}")
    meta, punct = doc.meta, PUNCTUATION[edition]
    url = url_of(doc, site_url) if site_url else URL
    date = _date_gbt(meta)
    if _serial(meta):
        names = responsible(meta)
        head = f"{_authors_gbt(names, punct)}. " if names else ""
        page = _page(meta)
        issue = f"{meta.source}{punct.comma}{date}" + (f"{punct.open}{page}{punct.close}" if page else "")
        if edition == "2015":
            issue += f"[{CITE_DATE}]"
        return f"{head}{_title(meta)}[N/OL]. {issue}. {url}."
    names = responsible(meta, with_source=True)
    head = f"{_authors_gbt(names, punct)}. " if names else ""
    # The (creation date) of a web page is given only when it is known, not inferred.
    created = _created(meta)
    dates = (f"{punct.open}{created}{punct.close}" if created else "") + f"[{CITE_DATE}]"
    return f"{head}{_title(meta)}[EB/OL]. {dates}. {url}."


def _serial(meta: Metadata) -> bool:
    """Cited as a newspaper contribution (needs its issue's date)."""
    return is_newspaper(meta) and bool(meta.date)


def _created(meta: Metadata) -> str:
    """A web page's creation date: only a known one, never an inferred one."""
    return meta.date if meta.date and not meta.is_inferred("date") else ""


def _note(meta: Metadata) -> str:
    return "；".join([ARCHIVE_NOTE, *([INFERRED_DATE_NOTE] if meta.is_inferred("date") else [])])


ARCHIVE_NOTE = "河南产业集聚区与招商引资文献档案整理本"
INFERRED_DATE_NOTE = "日期为推断"


def _one_line(text: str) -> str:
    """Whitespace (line breaks included) folded: one value, one line."""
    return " ".join(text.split())


# --- CSL-JSON ---------------------------------------------------------------
#
# The record a reference manager imports (Zotero, citeproc-js, pandoc).  The
# item carries what the GB/T 7714 entry is made of, so the official CSL
# styles render the archive's own entry from it (tests/test_cite_oracle.py).
# A record has no citation date (``accessed``): that is the reader's, added by
# their reference manager.  Without a configured ``site_url`` the page's
# address is unknown at build time and ``URL`` is left out.

def _date_parts(date: str) -> list[int]:
    return [int(part) for part in date.split("-")]


def csl_item(doc: Document, site_url: str = "") -> dict:
    meta = doc.meta
    serial = _serial(meta)
    item: dict = {"id": bibtex_key(meta), "type": "article-newspaper" if serial else "webpage",
                  "language": "zh-CN", "title": _one_line(_title(meta))}
    names = responsible(meta, with_source=not serial)
    if names:
        item["author"] = [{"literal": _one_line(n)} for n in names]
    if meta.source:
        item["container-title"] = _one_line(meta.source)
    if serial and _page(meta):
        item["page"] = _one_line(_page(meta))
    if meta.date:
        issued: dict = {"date-parts": [_date_parts(meta.date)]}
        if meta.is_inferred("date"):
            issued["circa"] = True
        item["issued"] = issued
    if site_url:
        item["URL"] = url_of(doc, site_url)
    if meta.summary:
        item["abstract"] = _one_line(meta.summary)
    item["note"] = _note(meta)
    return item


def csl_json(doc: Document, site_url: str = "") -> str:
    """A CSL-JSON file: an array holding the document's one item."""
    return json.dumps([csl_item(doc, site_url)], ensure_ascii=False, indent=2) + "\n"


# --- RIS --------------------------------------------------------------------
#
# RIS (``TY  - `` tag lines, CRLF, ``ER  - `` last): NEWS for a newspaper
# report, ELEC for a web page.  Every value is folded onto one line, so no
# text from a document can start a tag of its own.

def _ris_date(date: str) -> str:
    parts = date.split("-") + ["", ""]
    return f"{parts[0]}/{parts[1]}/{parts[2]}/"


def ris(doc: Document, site_url: str = "") -> str:
    item = csl_item(doc, site_url)
    meta = doc.meta
    serial = item["type"] == "article-newspaper"
    lines = [("TY", "NEWS" if serial else "ELEC"), ("TI", item["title"])]
    lines += [("AU", name["literal"]) for name in item.get("author", [])]
    if meta.source:
        lines.append(("T2" if serial else "PB", item["container-title"]))
    if meta.date:
        lines += [("PY", meta.date[:4]), ("DA", _ris_date(meta.date))]
    if "page" in item:
        lines.append(("SP", item["page"]))
    if "URL" in item:
        lines.append(("UR", item["URL"]))
    if "abstract" in item:
        lines.append(("AB", item["abstract"]))
    lines += [("LA", "zh-CN"), ("N1", item["note"]), ("ER", "")]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)


@dataclass(frozen=True)
class RecordFormat:
    ext: str  # file extension under cite/ (generator.paths.record_path)
    label: str  # shown to readers
    render: Callable[[Document, str], str]


#: The citation records written for every document (generator.export) and
#: linked from its page's 引用 section, in that order.
RECORD_FORMATS = (
    RecordFormat("json", "CSL-JSON", csl_json),
    RecordFormat("ris", "RIS", ris),
)


# --- Highwire Press meta tags ------------------------------------------------
#
# ``<meta name="citation_*">`` as Google Scholar's inclusion guidelines and
# Zotero's Embedded Metadata translator read them.  A newspaper is the
# report's ``citation_journal_title``; a web site is its ``citation_publisher``.
# An inferred date is left out (the tags cannot mark an estimate).  None of the
# records carries the keywords: they are TF-IDF words picked by the extractor,
# not subject headings, and would become tags in the reader's library.  Plain text:
# the template that prints them escapes.

def highwire(doc: Document, site_url: str = "") -> list[tuple[str, str]]:
    item = csl_item(doc, site_url)
    meta = doc.meta
    tags = [("citation_title", item["title"])]
    tags += [("citation_author", _one_line(n)) for n in responsible(meta)]
    if meta.date and not meta.is_inferred("date"):
        tags.append(("citation_publication_date", meta.date.replace("-", "/")))
    if meta.source:
        name = "citation_journal_title" if is_newspaper(meta) else "citation_publisher"
        tags.append((name, item["container-title"]))
    if "page" in item:
        tags.append(("citation_firstpage", item["page"]))
    tags.append(("citation_language", "zh"))
    if "URL" in item:
        tags.append(("citation_public_url", item["URL"]))
    return tags


#: The front-matter key holding the tags; the template reads ``page.meta.citation``.
FRONT_MATTER_KEY = "citation"


def highwire_front_matter(doc: Document, site_url: str = "") -> dict[str, list[str]]:
    """The tags as the page's front matter carries them (:data:`FRONT_MATTER_KEY`):
    tag name -> its values in order; ``overrides/partials/citation-meta.html``
    prints one escaped ``<meta>`` per value."""
    out: dict[str, list[str]] = {}
    for name, value in highwire(doc, site_url):
        out.setdefault(name, []).append(value)
    return out


# --- BibTeX ---------------------------------------------------------------

_BIB_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
    "$": r"\$", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
_BIB_RE = re.compile(r"[\\{}%&#$_~^]")


def bib_escape(text: str) -> str:
    """Make text literal inside a braced BibTeX field (braces stay balanced)."""
    text = " ".join(text.split())
    return _BIB_RE.sub(lambda m: _BIB_SPECIAL[m.group()], text)


def bibtex_key(meta: Metadata) -> str:
    return "henan:" + re.sub(r"[^A-Za-z0-9_-]", "-", meta.id)


def bibtex(doc: Document, site_url: str = "") -> str:
    meta = doc.meta
    newspaper = is_newspaper(meta)
    fields: list[tuple[str, str]] = []
    names = responsible(meta)
    if names:
        fields.append(("author", " and ".join(bib_escape(n) for n in names)))
    elif not newspaper and meta.source:
        fields.append(("organization", bib_escape(meta.source)))
    fields.append(("title", bib_escape(meta.title)))
    if meta.subtitle:
        fields.append(("subtitle", bib_escape(meta.subtitle)))
    if newspaper:
        fields += [("journaltitle", bib_escape(meta.source or "")), ("journal", bib_escape(meta.source or "")),
                   ("entrysubtype", "newspaper")]
        if _page(meta):
            fields.append(("pages", bib_escape(_page(meta))))
    if meta.date:
        fields.append(("date", meta.date))
        fields.append(("year", meta.date[:4]))
        if len(meta.date) >= 7 and meta.date_precision != "year":
            fields.append(("month", str(int(meta.date[5:7]))))
    fields.append(("url", url_of(doc, site_url) if site_url else URL))
    fields.append(("note", bib_escape(_note(meta))))
    fields.append(("langid", "chinese"))
    kind = "article" if newspaper else "online"
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{bibtex_key(meta)},\n{body}\n}}"
