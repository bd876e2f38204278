"""Typed records that carry one document through the pipeline.

Each stage takes the record of the stage before it and returns a new one;
nothing reaches back.  The flow is::

    RawDocument --clean--> CleanedDocument --extract--> Document
        --render--> Page      (many Documents) --index/search/export--> Pages

All records are frozen so that a stage cannot quietly mutate its input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .fields import FIELD_NAMES

# ---------------------------------------------------------------------------
# read: bytes -> text


@dataclass(frozen=True)
class RawDocument:
    """A seed file decoded to text.  ``text`` is the faithful decoded content
    with only the BOM removed and line endings normalised to ``\\n``."""

    doc_id: str  # URL-safe identity derived from the file name, never the title
    file_name: str  # e.g. "000_3ef23ce910235c0e.txt"
    text: str
    encoding: str  # e.g. "utf-8", "utf-8-sig", "gb18030", "big5", "utf-16"
    sha256: str  # of the raw bytes
    size: int  # bytes


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input file.  ``severity == "error"`` means the
    document was skipped (or its sidecar ignored); warnings still build."""

    file_name: str
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:  # one line, as printed by the CLI and plugin
        return f"{self.file_name}: {self.message}"


# ---------------------------------------------------------------------------
# clean: text -> blocks + record


RecordAction = Literal["removed", "changed", "lifted"]


@dataclass(frozen=True)
class Edit:
    """One entry of the cleaning record.

    ``removed``: ``text`` was dropped from the body (chrome, watermark, marker).
    ``changed``: ``text`` was replaced by ``replacement`` (typography, joins).
    ``lifted``:  ``text`` left the body for the metadata stage (a header,
    dateline or byline) and is handed over as a :class:`Cue`.
    """

    action: RecordAction
    rule: str  # stable rule id, e.g. "chrome.copyright"
    text: str
    replacement: str = ""
    line: int = 0  # 1-based line of the raw text where the span starts
    reason: str = ""  # short human explanation (Chinese is fine)


BlockKind = Literal["paragraph", "heading", "quote", "salutation"]


@dataclass(frozen=True)
class Block:
    """One unit of body text.  Text is plain, unescaped; the render stage is
    responsible for making it inert in Markdown/HTML."""

    kind: BlockKind
    text: str
    level: int = 0  # heading level (2..4) for headings
    attribution: str = ""  # for quotes: the "——姓名" part, without the dash


CueRole = Literal[
    "headline", "subtitle", "kicker", "dateline", "byline", "date", "source",
    "page", "footer", "header", "speaker",
]


@dataclass(frozen=True)
class Cue:
    """A line the cleaner took out of the body because it carries metadata."""

    role: CueRole
    text: str
    line: int = 0


@dataclass(frozen=True)
class CleanedDocument:
    raw: RawDocument
    blocks: tuple[Block, ...]
    cues: tuple[Cue, ...] = ()
    record: tuple[Edit, ...] = ()
    warnings: tuple[str, ...] = ()  # reported against the file, the document still builds

    @property
    def body_text(self) -> str:
        """The cleaned body as plain text, one block per line."""
        return "\n".join(b.text for b in self.blocks)


# ---------------------------------------------------------------------------
# extract: -> metadata

ProvenanceMethod = Literal["explicit", "pattern", "inferred", "curated"]
DatePrecision = Literal["day", "month", "year"]
DocType = Literal["news", "speech", "other"]


@dataclass(frozen=True)
class Provenance:
    method: ProvenanceMethod
    evidence: str = ""


@dataclass(frozen=True)
class Person:
    name: str
    title: str = ""


@dataclass(frozen=True)
class Metadata:
    """The front matter of one document.  Field names are the public YAML keys
    (see ``generator/curate/metadata.schema.json``)."""

    id: str
    title: str
    raw_file: str
    raw_sha256: str
    encoding: str
    chars: int
    subtitle: str | None = None
    date: str | None = None  # YYYY-MM-DD | YYYY-MM | YYYY
    date_precision: DatePrecision | None = None
    city: str | None = None
    county: str | None = None
    places_mentioned: tuple[str, ...] = ()
    source: str | None = None
    source_page: str | None = None
    reporters: tuple[str, ...] = ()
    doc_type: DocType = "other"
    people: tuple[Person, ...] = ()
    keywords: tuple[str, ...] = ()
    summary: str | None = None
    incomplete: bool = False  # the original was cut off (extract/completeness.py)
    repost_group: str | None = None  # same text as other documents (curate/reposts.py): the earliest one's id
    rights: str | None = None
    provenance: tuple[tuple[str, Provenance], ...] = ()  # (field, provenance), sorted by field

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None

    def provenance_of(self, field_name: str) -> Provenance | None:
        for name, prov in self.provenance:
            if name == field_name:
                return prov
        return None

    def is_inferred(self, field_name: str) -> bool:
        prov = self.provenance_of(field_name)
        return prov is not None and prov.method == "inferred"


@dataclass(frozen=True)
class Document:
    """A cleaned document with its metadata: the unit every later stage uses."""

    cleaned: CleanedDocument
    meta: Metadata

    @property
    def url_dir(self) -> str:
        """Directory URL of the page relative to the site root, e.g.
        ``archive/2014/000_3ef23ce910235c0e/``.  Derived from identity (and the
        year, as the URL scheme asks), never from the title."""
        return f"archive/{self.meta.year or 'undated'}/{self.meta.id}/"

    @property
    def md_path(self) -> str:
        """Path of the generated Markdown relative to ``docs/``."""
        return f"archive/{self.meta.year or 'undated'}/{self.meta.id}.md"


# ---------------------------------------------------------------------------
# render / index / search / export: -> files


@dataclass(frozen=True)
class OutputFile:
    """A file the generator owns, relative to the docs directory."""

    path: str
    content: bytes


@dataclass
class BuildResult:
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[OutputFile] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # paths whose bytes changed
    removed: list[str] = field(default_factory=list)  # stale paths deleted

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def _public(name: str, value):
    """A field's value as the front matter and the exports carry it."""
    if name == "people":
        return [{"name": p.name, "title": p.title} for p in value]
    if name == "provenance":
        return {field: {"method": p.method, "evidence": p.evidence} for field, p in value}
    return list(value) if isinstance(value, tuple) else value


def metadata_to_dict(meta: Metadata) -> dict:
    """Front-matter mapping in the public key order of
    :data:`generator.fields.FIELDS` (stable output)."""
    return {name: _public(name, getattr(meta, name)) for name in FIELD_NAMES}
