"""Data export: corpus.jsonl (metadata + cleaned text) and the raw originals."""

from __future__ import annotations

import json
from typing import Sequence

from .config import Settings
from .models import Document, OutputFile, metadata_to_dict


def corpus_jsonl(documents: Sequence[Document]) -> bytes:
    lines = []
    for doc in documents:
        record = metadata_to_dict(doc.meta)
        record["text"] = doc.cleaned.body_text
        lines.append(json.dumps(record, ensure_ascii=False, sort_keys=False))
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def build_exports(documents: Sequence[Document], settings: Settings) -> list[OutputFile]:
    return [OutputFile("data/corpus.jsonl", corpus_jsonl(documents))]
