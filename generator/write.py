"""Writing generated files: only when their bytes change, and never leaving a
stale file behind.

Writing only changed files is what keeps ``mkdocs serve`` from rebuilding in
a loop (it watches ``docs/``).  Ownership is tracked in a manifest inside the
docs directory: every path the generator wrote last time; a path in the old
manifest but not in the new set of files is deleted.  Hand-written files are
never in the manifest, so they are never deleted; nor are they overwritten:
a generated path that already exists, is not in the manifest and differs is
refused with :class:`WriteError` (delete or rename the hand-written file).
Paths must be relative and stay inside the docs directory.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import Iterable

from .models import OutputFile

MANIFEST_NAME = ".generated-files"
_HEADER = "# Files written by `python -m generator build`; do not edit them by hand.\n"


class WriteError(ValueError):
    """The generated files cannot be written as asked; nothing was written."""


def _check_path(rel: str) -> None:
    pure = PurePosixPath(rel)
    if not rel or pure.is_absolute() or "\\" in rel or any(part in ("", ".", "..") for part in rel.split("/")):
        raise WriteError(f"generated path {rel!r} is not a plain relative path inside the docs directory")
    if pure.name == MANIFEST_NAME:
        raise WriteError(f"generated path {rel!r} would overwrite the manifest")


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
    """Write ``files`` under ``docs_dir``; return ``(written, removed)`` paths.

    Raises :class:`WriteError` before writing anything if a path is unsafe,
    repeated, or would overwrite a file the generator does not own."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    files = list(files)
    paths = [f.path for f in files]
    for rel in paths:
        _check_path(rel)
    duplicates = sorted(p for p, n in Counter(paths).items() if n > 1)
    if duplicates:
        raise WriteError(f"generator produced the same path twice: {', '.join(duplicates)}")
    owned = read_manifest(docs_dir)
    foreign = sorted(
        f.path for f in files
        if f.path not in owned and (docs_dir / f.path).exists()
        and (not (docs_dir / f.path).is_file() or (docs_dir / f.path).read_bytes() != f.content)
    )
    if foreign:
        raise WriteError(
            "refusing to overwrite file(s) the generator did not write (not in "
            f"{MANIFEST_NAME}); delete or rename them: {', '.join(foreign)}"
        )
    written = [f.path for f in files if _write_if_changed(docs_dir / f.path, f.content)]
    stale = sorted(owned - set(paths))
    removed = []
    for rel in stale:
        try:
            _check_path(rel)
        except WriteError:
            continue  # a hand-edited manifest line; never delete outside docs/
        target = docs_dir / rel
        if target.is_file():
            target.unlink()
            removed.append(rel)
            _remove_empty_parents(target, docs_dir)
    manifest = _HEADER + "".join(f"{p}\n" for p in sorted(paths))
    _write_if_changed(docs_dir / MANIFEST_NAME, manifest.encode("utf-8"))
    return written, removed
