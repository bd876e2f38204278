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

A build killed at any point leaves no half-written file and nothing the next
build cannot repair:

* every file is written to a temporary dot-file beside it and renamed into
  place (``os.replace``, atomic), so a path holds its old bytes or its new
  ones; a temporary file a killed build left behind is deleted by the next;
* before the first new path is written, the manifest is rewritten to list
  the old paths and the new ones (a journal), so whatever a killed build
  wrote is owned by the generator and the next build overwrites or deletes
  it; the final manifest, written last and atomically, lists the new paths.

Two builds writing one docs directory take turns: the writing holds an
exclusive ``fcntl.flock`` on ``.generated-files.lock`` in the docs directory
(released by the kernel however the holder ends).  A build that cannot have
it within ``LOCK_WAIT`` seconds fails with a :class:`WriteError` naming it.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable, Iterator

from .models import OutputFile

MANIFEST_NAME = ".generated-files"
LOCK_NAME = ".generated-files.lock"
TMP_SUFFIX = ".generator-tmp"  # ".<name>.generator-tmp" beside <name> while it is written
LOCK_WAIT = 300.0  # seconds a build waits for another one to finish writing
_HEADER = "# Files written by `python -m generator build`; do not edit them by hand.\n"


class WriteError(ValueError):
    """The generated files cannot be written as asked.  Raised before writing
    anything, except for an operating-system error on the way (a full disk),
    which leaves whole files that the next build completes."""


def _check_path(rel: str) -> None:
    pure = PurePosixPath(rel)
    if not rel or pure.is_absolute() or "\\" in rel or any(part in ("", ".", "..") for part in rel.split("/")):
        raise WriteError(f"generated path {rel!r} is not a plain relative path inside the docs directory")
    if pure.name in (MANIFEST_NAME, LOCK_NAME) or pure.name.endswith(TMP_SUFFIX):
        raise WriteError(f"generated path {rel!r} would overwrite the manifest, the lock or a temporary file")


def read_manifest(docs_dir: Path) -> set[str]:
    manifest = docs_dir / MANIFEST_NAME
    if not manifest.exists():
        return set()
    return {line for line in manifest.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")}


def _write_if_changed(path: Path, content: bytes) -> bool:
    if path.is_file() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}{TMP_SUFFIX}")
    tmp.write_bytes(content)
    os.replace(tmp, path)  # atomic: a watcher, or a killed build, never leaves half a file
    return True


def _manifest_bytes(paths: Iterable[str]) -> bytes:
    return (_HEADER + "".join(f"{p}\n" for p in sorted(paths))).encode("utf-8")


def _sweep_temporary(docs_dir: Path) -> None:
    """Delete the temporary files of a build that was killed while writing."""
    for folder, dirs, names in os.walk(docs_dir):
        for name in names:
            if name.startswith(".") and name.endswith(TMP_SUFFIX):
                path = Path(folder) / name
                path.unlink(missing_ok=True)
                _remove_empty_parents(path, docs_dir)


@contextmanager
def build_lock(docs_dir: Path, wait: float | None = None, say: Callable[[str], None] | None = None) -> Iterator[Path]:
    """Hold the docs directory's write lock (see the module docstring)."""
    wait = LOCK_WAIT if wait is None else wait
    lock = docs_dir / LOCK_NAME
    try:
        docs_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise WriteError(f"{lock}: cannot open the build lock: {exc.strerror}") from None
    try:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WriteError(
                        f"{lock}: another build is writing {docs_dir} and holds this lock; waited {wait:g} s "
                        "(run one build at a time, or try again when the other has finished)") from None
                if not told and say is not None:
                    say(f"waiting for {lock}: another build is writing {docs_dir}")
                    told = True
                time.sleep(0.05)
        yield lock
    finally:
        os.close(fd)  # releases the lock


def _remove_empty_parents(path: Path, stop: Path) -> None:
    parent = path.parent
    while parent != stop and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent


def write_files(docs_dir: Path, files: Iterable[OutputFile], *, lock_wait: float | None = None,
                say: Callable[[str], None] | None = None) -> tuple[list[str], list[str]]:
    """Write ``files`` under ``docs_dir``; return ``(written, removed)`` paths.

    Raises :class:`WriteError` before writing anything if a path is unsafe,
    repeated, or would overwrite a file the generator does not own, or if
    another build holds the docs directory's lock for longer than
    ``lock_wait`` seconds (default ``LOCK_WAIT``); an operating-system
    error while writing is a :class:`WriteError` too, naming the path."""
    files = list(files)
    paths = [f.path for f in files]
    for rel in paths:
        _check_path(rel)
    duplicates = sorted(p for p, n in Counter(paths).items() if n > 1)
    if duplicates:
        raise WriteError(f"generator produced the same path twice: {', '.join(duplicates)}")
    with build_lock(docs_dir, lock_wait, say):
        try:
            return _write_locked(docs_dir, files, paths)
        except OSError as exc:  # a full disk, a read-only or foreign file: named, no traceback
            where = exc.filename or docs_dir
            raise WriteError(f"{where}: cannot write: {exc.strerror or exc}; the next build will finish the job") from None


def _write_locked(docs_dir: Path, files: list[OutputFile], paths: list[str]) -> tuple[list[str], list[str]]:
    _sweep_temporary(docs_dir)
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
    manifest = docs_dir / MANIFEST_NAME
    if not set(paths) <= owned:  # journal: own every path before writing it
        _write_if_changed(manifest, _manifest_bytes(owned | set(paths)))
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
    _write_if_changed(manifest, _manifest_bytes(paths))
    return written, removed
