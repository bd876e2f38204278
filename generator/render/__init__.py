"""Stage 5 — render: one document -> its Markdown page (front matter,
metadata panel, body, citation, cleaning record).  Citations
(:mod:`.cite`) and schema.org JSON-LD (:mod:`.jsonld`) are part of a page.
"""

from __future__ import annotations

from .page import render_pages

__all__ = ["render_pages"]
