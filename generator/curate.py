"""Curator overrides: ``seeds/<name>.yaml`` beside a seed corrects metadata.

(Baseline: sidecars are not read yet; the full version replaces this.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .models import Metadata, Problem


class OverrideError(Exception):
    """A sidecar that cannot be applied; the message names file and key."""


def load_sidecar(seeds_dir: Path, seed_name: str) -> dict[str, Any] | None:
    return None


def apply_override(meta: Metadata, override: dict[str, Any]) -> Metadata:
    return meta


def orphan_sidecars(seeds_dir: Path, seed_names: set[str]) -> list[Problem]:
    return []
