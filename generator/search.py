"""Stage 6 — search: documents -> sharded lunr indexes for the browser.

(Baseline: no index yet.)
"""

from __future__ import annotations

from typing import Sequence

from .config import Settings
from .models import Document, OutputFile


def build_search_index(documents: Sequence[Document], settings: Settings) -> list[OutputFile]:
    return []
