"""Stage 3 — extract: cleaned document -> :class:`Metadata`.

(Baseline: title from the first line; the full extractor replaces this.)
"""

from __future__ import annotations

from .config import Settings
from .models import CleanedDocument, Metadata


def extract(doc: CleanedDocument, settings: Settings) -> Metadata:
    raw = doc.raw
    title = doc.blocks[0].text[:60] if doc.blocks else raw.doc_id
    return Metadata(
        id=raw.doc_id,
        title=title,
        raw_file=raw.file_name,
        raw_sha256=raw.sha256,
        encoding=raw.encoding,
        chars=sum(len(b.text) for b in doc.blocks),
        rights=settings.rights,
    )
