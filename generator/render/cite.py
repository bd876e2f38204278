"""Citations of one document: GB/T 7714 (2025 and 2015 editions) and BibTeX.

GB/T 7714—2025《信息与文献 参考文献著录规则》 replaces the 2015 edition from
2026-07-01; the archive offers the 2025 form first and the 2015 form beside it.
A document is cited as what it is, with the archive page as access path:

* a newspaper report (the source is a 报, or a page is known) as a
  contribution to a serial, ``[N/OL]``:
  ``记者. 题名[N/OL]. 报纸名, 2014-04-30(1). URL.``  The 2015 edition adds
  the citation date after the issue, ``2014-04-30(1)[引用日期]``; the 2025
  edition keeps a citation date only for web pages, data sets and preprints;
* anything else (a news site, a speech text) as a web page, ``[EB/OL]``:
  ``责任者. 题名[EB/OL]. (2014-04-30)[引用日期]. URL.`` — identical in both
  editions for this kind of resource.

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

import re

from ..models import Document, Metadata
from ..paths import url_of
from ..reference.vocabulary import compose

CITE_DATE = "\u2063CITE_DATE\u2063"  # placeholder tokens; cannot occur in documents after cleaning
URL = "\u2063URL\u2063"

EDITIONS = ("2025", "2015")
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


def _authors_gbt(names: list[str]) -> str:
    if len(names) > 3:
        return ", ".join(names[:3]) + ", 等"
    return ", ".join(names)


def _date_gbt(meta: Metadata) -> str:
    if not meta.date:
        return ""
    return f"[{meta.date}]" if meta.is_inferred("date") else meta.date


def _page(meta: Metadata) -> str:
    page = (meta.source_page or "").strip()
    page = re.sub(r"^第\s*|\s*版$", "", page)
    return str(int(page)) if page.isdigit() else page


def _title(meta: Metadata) -> str:
    return meta.title + (f": {meta.subtitle}" if meta.subtitle else "")


def gbt7714(doc: Document, site_url: str = "", edition: str = "2025") -> str:
    """One reference-list entry (without the ``[n]`` number)."""
    if edition not in EDITIONS:
        raise ValueError(f"unknown GB/T 7714 edition {edition!r}")
    meta = doc.meta
    url = url_of(doc, site_url) if site_url else URL
    date = _date_gbt(meta)
    if is_newspaper(meta) and date:
        names = responsible(meta)
        head = f"{_authors_gbt(names)}. " if names else ""
        page = _page(meta)
        issue = f"{meta.source}, {date}" + (f"({page})" if page else "")
        if edition == "2015":
            issue += f"[{CITE_DATE}]"
        return f"{head}{_title(meta)}[N/OL]. {issue}. {url}."
    names = responsible(meta, with_source=True)
    head = f"{_authors_gbt(names)}. " if names else ""
    # The (creation date) of a web page is given only when it is known, not inferred.
    dates = (f"({meta.date})" if meta.date and not meta.is_inferred("date") else "") + f"[{CITE_DATE}]"
    return f"{head}{_title(meta)}[EB/OL]. {dates}. {url}."


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
    notes = ["河南产业集聚区与招商引资文献档案整理本"]
    if meta.is_inferred("date"):
        notes.append("日期为推断")
    fields.append(("note", bib_escape("；".join(notes))))
    fields.append(("langid", "chinese"))
    kind = "article" if newspaper else "online"
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{bibtex_key(meta)},\n{body}\n}}"
