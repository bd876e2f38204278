"""Writing generated files: only when their bytes change, and never leaving a
stale file behind.

Writing only changed files is what keeps ``mkdocs serve`` from rebuilding in
a loop (it watches ``docs/``).  Ownership is tracked in a manifest inside the
docs directory: every path the generator wrote last time; a path in the old
manifest but not in the new set of files is deleted.  Hand-written files are
never in the manifest, so they are never touched.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from .models import OutputFile

MANIFEST_NAME = ".generated-files"
_HEADER = "# Files written by `python -m generator build`; do not edit them by hand.\n"


def read_manifest(docs_dir: Path) -> set[str]:
    manifest = docs_dir / MANIFEST_NAME
    if not manifest.exists():
        return set()
    return {line for line in manifest.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")}


def _write_if_changed(path: Path, content: bytes) -> bool:
    if path.exists() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(content)
    os.replace(tmp, path)  # atomic, so a watcher never sees half a file
    return True


def _remove_empty_parents(path: Path, stop: Path) -> None:
    parent = path.parent
    while parent != stop and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent


def write_files(docs_dir: Path, files: Iterable[OutputFile]) -> tuple[list[str], list[str]]:
    """Write ``files`` under ``docs_dir``; return ``(written, removed)`` paths."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    files = list(files)
    paths = [f.path for f in files]
    duplicates = sorted({p for p in paths if paths.count(p) > 1}) if len(set(paths)) != len(paths) else []
    if duplicates:
        raise ValueError(f"generator produced the same path twice: {', '.join(duplicates)}")
    written = [f.path for f in files if _write_if_changed(docs_dir / f.path, f.content)]
    stale = sorted(read_manifest(docs_dir) - set(paths))
    for rel in stale:
        target = docs_dir / rel
        if target.is_file():
            target.unlink()
            _remove_empty_parents(target, docs_dir)
    manifest = _HEADER + "".join(f"{p}\n" for p in sorted(paths))
    _write_if_changed(docs_dir / MANIFEST_NAME, manifest.encode("utf-8"))
    return written, stale
