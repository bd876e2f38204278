"""Stage 6 — listings: all documents -> the browse pages (home block, cities,
years and months, people, sources, topics), the SVG map and timeline
(:mod:`.charts`) and the Atom feed (:mod:`.feeds`)."""

from __future__ import annotations

from .pages import HOME_MARKER, HOME_SNIPPET, build_listings

__all__ = ["HOME_MARKER", "HOME_SNIPPET", "build_listings"]
