"""Stage 4 — curate: an archivist's sidecar (``seeds/<name>.yaml``) corrects
the extracted metadata, and every record is validated against the
front-matter schema.

Public API (used by the pipeline)::

    sidecar = curate.load_sidecar(seeds_dir, "003_x.txt")   # None if there is none
    meta = curate.apply_sidecar(meta, sidecar)               # provenance "curated"
    problems = curate.validate_metadata(meta)
"""

from __future__ import annotations

from . import reposts
from .schema import status_lines, validate_metadata
from .sidecars import SidecarError, apply_sidecar, load_sidecar, orphan_sidecars

__all__ = ["SidecarError", "reposts", "apply_sidecar", "load_sidecar", "orphan_sidecars", "status_lines", "validate_metadata"]
