"""The front-matter schema (``generator/curate/metadata.schema.json``) and
per-document field status for ``python -m generator check``."""

from __future__ import annotations

import datetime as _dt
import json
from functools import lru_cache
from pathlib import Path

import jsonschema

from ..fields import EVIDENCE_WEAKNESS, KEY_FIELDS
from ..models import Document, Metadata, Problem, metadata_to_dict

SCHEMA_PATH = Path(__file__).resolve().parent / "metadata.schema.json"

# Fields a curator may want to see filled; chars, hashes etc. are always set.
REPORTED_FIELDS = (
    "title", "subtitle", "date", "city", "county", "places_mentioned", "source", "source_page",
    "reporters", "doc_type", "people", "keywords", "summary",
)


@lru_cache(maxsize=None)
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _where(error: jsonschema.ValidationError) -> str:
    return ".".join(str(p) for p in error.absolute_path) or "(front matter)"


def schema_errors(data: dict) -> list[str]:
    """Readable messages, one per violation, in a stable order."""
    errors = sorted(validator().iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    out = []
    for e in errors:
        out.append(f"{_where(e)}: {e.message}")
    # the schema checks the form of a date; this checks the calendar (2014-02-30)
    date = data.get("date")
    if isinstance(date, str) and len(date) == 10:
        try:
            _dt.date.fromisoformat(date)
        except ValueError:
            out.append(f"date: {date!r} is not a calendar date")
    return out


def validate_metadata(meta: Metadata) -> list[Problem]:
    """Schema violations of one document's front matter, as errors naming its file."""
    return [Problem(meta.raw_file, f"front matter violates the schema: {msg}") for msg in schema_errors(metadata_to_dict(meta))]


def field_status(meta: Metadata) -> tuple[list[str], list[str]]:
    """(missing fields, inferred fields with their evidence) of one document."""
    data = metadata_to_dict(meta)
    missing = [f for f in REPORTED_FIELDS if data.get(f) in (None, "", [])]
    inferred = []
    for f in REPORTED_FIELDS:
        prov = meta.provenance_of(f)
        if prov is not None and prov.method == "inferred" and data.get(f) not in (None, "", []):
            inferred.append(f"{f} ({prov.evidence})" if prov.evidence else f)
    return missing, inferred


def weakness(meta: Metadata) -> tuple[int, list[str]]:
    """How weak the evidence for a document's key fields is (the sum of
    :data:`generator.fields.EVIDENCE_WEAKNESS` over
    :data:`~generator.fields.KEY_FIELDS`), with each weak field named."""
    data = metadata_to_dict(meta)
    total, weak = 0, []
    for f in KEY_FIELDS:
        prov = meta.provenance_of(f)
        how = "missing" if data.get(f) in (None, "", []) else (prov.method if prov else "explicit")
        total += EVIDENCE_WEAKNESS[how]
        if EVIDENCE_WEAKNESS[how]:
            weak.append(f"{f} {how}")
    return total, weak


def status_lines(documents: list[Document]) -> list[str]:
    """One line per document, the weakest evidence first, so an archivist
    knows which sidecars to write first."""
    ranked = sorted(documents, key=lambda d: (-weakness(d.meta)[0], d.meta.raw_file))
    lines = []
    for doc in ranked:
        score, weak = weakness(doc.meta)
        missing, inferred = field_status(doc.meta)
        parts = [f"weakness {score}" + (f" ({', '.join(weak)})" if weak else "")]
        if missing:
            parts.append("missing: " + ", ".join(missing))
        if inferred:
            parts.append("inferred: " + "; ".join(inferred))
        lines.append(f"{doc.meta.raw_file}: " + " | ".join(parts))
    return lines
