"""Stage 3 — extract: cleaned document -> :class:`~generator.models.Metadata`.

One module per field family, each a plain function over the document's
:class:`~generator.extract.layout.Layout` (cues from the cleaner first, then
the first/last lines of the body, so both a cleaner that lifts header lines
and one that lifts nothing give the same result):

* :mod:`.titles`   headline / subtitle, or a title derived from speaker and occasion
* :mod:`.dates`    stated dates, or a year inferred from evidence in the text
* :mod:`.places`   city, county, places mentioned (via :mod:`.gazetteer`)
* :mod:`.sources`  publication, page, reporters
* :mod:`.people`   officials with titles, attendee lists, speakers
* :mod:`.doctype`  news | speech | other
* :mod:`.keywords` keywords (jieba TF-IDF) and summary

Every value carries a provenance: ``explicit`` (stated as metadata: a header,
footer or cue line), ``pattern`` (found by a rule in running text),
``inferred`` (derived from indirect evidence), each with its evidence.
Rules that generalise live in ``generator/data/extract_*`` and
``gazetteer_*``.
"""

from __future__ import annotations

from ..config import Settings
from ..models import CleanedDocument, Metadata, Provenance
from . import completeness, dates, doctype, keywords, people, places, sources, titles
from .layout import layout
from .rules import norm, thresholds

__all__ = ["extract"]

EVIDENCE_MAX = thresholds().evidence_max


def _ev(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EVIDENCE_MAX else text[: EVIDENCE_MAX - 1] + "…"


def extract(doc: CleanedDocument, settings: Settings) -> Metadata:
    raw = doc.raw
    lay = layout(doc)
    body = "\n".join(lay.body)
    prov: dict[str, Provenance] = {}

    def note(field: str, method: str, evidence: str) -> None:
        prov[field] = Provenance(method, _ev(evidence))  # type: ignore[arg-type]

    head = titles.headline(lay)
    src = sources.source(lay, head.title if head else None)
    if src:
        note("source", src.method, src.evidence)
    page = sources.page(lay)
    if page:
        note("source_page", page.method, page.evidence)
    reporters, byline = sources.reporters(lay)
    if reporters:
        note("reporters", "pattern", byline)

    lead_source = bool(src and src.method == "pattern" and src.evidence.endswith("讯"))
    first_kind = next((b.kind for b in doc.blocks if b.text.strip()), "")
    kind, kind_ev = doctype.doc_type(lay, head.title if head else None, bool(reporters), lead_source, first_kind,
                                     has_source=src is not None)
    note("doc_type", "pattern" if kind != "other" else "inferred", kind_ev)

    summary = keywords.summary(lay.body)
    stated = people.speaker_lines(lay.cue_texts("speaker"))  # a transcript's own speaker line
    if head is None:
        speaker = stated[0].name if stated else next((n for n, _c, _p in people.speakers(norm(body))), None)
        if kind == "speech" or speaker:
            occ = titles.occasion(body, lay.lead)
            head = titles.derived(speaker, occ, summary)
        else:  # a report of a meeting, with no speaker it recounts, is not "在…上的讲话": its lead describes it
            head = titles.derived(None, None, summary)
    if head is None:
        head = titles.TitleResult(raw.doc_id, None, "inferred", "no headline or body text: the file name")
    note("title", head.method, head.evidence if head.method != "explicit" else head.title)
    if head.subtitle:
        note("subtitle", head.method, head.subtitle_evidence or head.subtitle)

    date = dates.document_date(lay)
    if date:
        note("date", date.method, date.evidence)
        note("date_precision", date.method, date.evidence)

    placed = places.places(lay.full_text, src.value if src else None, raw.text,
                           title=head.title if head and head.method == "explicit" else "", lead=lay.lead)
    if placed.city.value:
        note("city", placed.city.method, placed.city.evidence)
    if placed.county.value:
        note("county", placed.county.method, placed.county.evidence)
    if placed.mentioned:
        note("places_mentioned", "pattern", "gazetteer names in the text")

    persons, persons_ev = people.people(lay.full_text)
    if stated:  # the speaker line outranks mentions in the text
        persons = stated + [p for p in persons if p.name not in {s.name for s in stated}]
        persons_ev = "; ".join(filter(None, ("speaker line", persons_ev)))
    if persons:
        note("people", "pattern", persons_ev)
    kws = keywords.keywords(body or lay.full_text, exclude=frozenset(x for p in persons for x in (p.name, p.title) if x))
    if kws:
        note("keywords", "pattern", "jieba TF-IDF over the body, generic words removed")
    if summary:
        note("summary", "pattern", "first sentences of the body")
    if settings.rights:
        note("rights", "explicit", "site default (settings.rights)")
    incomplete = completeness.incomplete(doc, note)  # the original was cut off (see completeness.py)

    return Metadata(
        id=raw.doc_id,
        title=head.title,
        subtitle=head.subtitle,
        raw_file=raw.file_name,
        raw_sha256=raw.sha256,
        encoding=raw.encoding,
        chars=sum(len(b.text) for b in doc.blocks),
        incomplete=incomplete,
        date=date.value if date else None,
        date_precision=date.precision if date else None,  # type: ignore[arg-type]
        city=placed.city.value,
        county=placed.county.value,
        places_mentioned=tuple(placed.mentioned),
        source=src.value if src else None,
        source_page=page.value if page else None,
        reporters=tuple(reporters),
        doc_type=kind,  # type: ignore[arg-type]
        people=tuple(persons),
        keywords=tuple(kws),
        summary=summary,
        rights=settings.rights,
        provenance=tuple(sorted(prov.items())),
    )
