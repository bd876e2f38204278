"""Stage 2 — clean: text -> body blocks + a record of every change.

(Baseline: paragraphs split on line breaks; the full cleaner replaces this.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .models import Block, CleanedDocument, RawDocument


@dataclass(frozen=True)
class CorpusProfile:
    """Statistics over all seeds that the cleaner consults (e.g. lines that
    repeat across documents of one source are site chrome)."""


def profile_corpus(raws: Sequence[RawDocument]) -> CorpusProfile:
    return CorpusProfile()


def clean(raw: RawDocument, profile: CorpusProfile) -> CleanedDocument:
    blocks = tuple(Block("paragraph", line.strip()) for line in raw.text.split("\n") if line.strip())
    return CleanedDocument(raw=raw, blocks=blocks)
