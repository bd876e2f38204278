"""Stage 2 — clean: text -> body blocks + cues for metadata + a record of
every change.

Public API (used by the pipeline and tests)::

    profile = clean.profile_corpus(raws)
    doc = clean.clean(raw, profile)
    assert clean.conservation_residue(raw.text, doc) == ""

Rules live in ``generator/data/clean_rules.yaml``; see ``core.py`` for the
order of work.
"""

from __future__ import annotations

from .conservation import conservation_residue, multiset_residue
from .core import clean
from .profile import CorpusProfile, profile_corpus

__all__ = ["CorpusProfile", "clean", "conservation_residue", "multiset_residue", "profile_corpus"]
