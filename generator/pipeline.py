"""The whole path from ``seeds/`` to generated files, stage by stage.

Each stage is a plain function from data to data (see ``models.py``).  This
module only sequences them and isolates failures: one bad document is
reported against its file name and dropped, and every other one still builds.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from . import clean, curate, export, extract, index, read, render, search
from .config import Settings
from .models import BuildResult, CleanedDocument, Document, OutputFile, Problem, RawDocument
from .write import write_files

log = logging.getLogger("generator")

T = TypeVar("T")
ProgressFn = Callable[[str], None]

SEED_SUFFIX = ".txt"
SIDECAR_SUFFIXES = (".yaml", ".yml")


def seed_paths(seeds_dir: Path) -> list[Path]:
    """Seed files in a stable order (name order), so output is deterministic."""
    if not seeds_dir.is_dir():
        return []
    return sorted(p for p in seeds_dir.iterdir() if p.is_file() and p.suffix.lower() == SEED_SUFFIX and not p.name.startswith("."))


def _guard(file_name: str, stage: str, problems: list[Problem], fn: Callable[[], T]) -> T | None:
    """Run one stage for one document; turn an unexpected failure into a
    reported problem instead of a traceback that stops the build."""
    try:
        return fn()
    except (read.ReadError, curate.OverrideError) as exc:
        problems.append(Problem(file_name, str(exc)))
    except Exception as exc:  # noqa: BLE001 - isolate one document's failure
        log.debug("%s failed in %s", file_name, stage, exc_info=True)
        problems.append(Problem(file_name, f"internal error in {stage} stage: {type(exc).__name__}: {exc}"))
    return None


def read_seeds(seeds_dir: Path, problems: list[Problem]) -> list[RawDocument]:
    raws: list[RawDocument] = []
    seen: dict[str, str] = {}
    for path in seed_paths(seeds_dir):
        raw = _guard(path.name, "read", problems, lambda p=path: read.read_file(p))
        if raw is None:
            continue
        if raw.doc_id in seen:
            problems.append(Problem(path.name, f"its URL id {raw.doc_id!r} collides with {seen[raw.doc_id]}; rename one of them"))
            continue
        seen[raw.doc_id] = path.name
        raws.append(raw)
    return raws


def process(settings: Settings, progress: ProgressFn | None = None) -> BuildResult:
    """Run every stage and return the files to write (nothing is written)."""
    say = progress or (lambda _msg: None)
    result = BuildResult()
    problems = result.problems

    raws = read_seeds(settings.seeds_dir, problems)
    say(f"read {len(raws)} seed(s)")

    profile = clean.profile_corpus(raws)
    cleaned: list[CleanedDocument] = []
    for raw in raws:
        doc = _guard(raw.file_name, "clean", problems, lambda r=raw: clean.clean(r, profile))
        if doc is not None:
            cleaned.append(doc)
    say(f"cleaned {len(cleaned)} document(s)")

    documents: list[Document] = []
    for doc in cleaned:
        name = doc.raw.file_name
        sidecar = _guard(name, "override", problems, lambda n=name: curate.load_sidecar(settings.seeds_dir, n))
        meta = _guard(name, "extract", problems, lambda d=doc: extract.extract(d, settings))
        if meta is None:
            continue
        if sidecar:
            overridden = _guard(name, "override", problems, lambda m=meta, s=sidecar: curate.apply_override(m, s))
            if overridden is None:
                continue
            meta = overridden
        documents.append(Document(cleaned=doc, meta=meta))
    problems.extend(curate.orphan_sidecars(settings.seeds_dir, {d.raw.file_name for d in cleaned}))
    documents.sort(key=lambda d: d.meta.id)
    result.documents = documents
    say(f"extracted metadata for {len(documents)} document(s)")

    files: list[OutputFile] = []
    for stage, build in (
        ("render", render.render_pages),
        ("index", index.build_listings),
        ("search", search.build_search_index),
        ("export", export.build_exports),
    ):
        files.extend(build(documents, settings))
        say(f"{stage}: {len(files)} file(s) so far")
    result.files = sorted(files, key=lambda f: f.path)
    return result


def build(settings: Settings, progress: ProgressFn | None = None, write: bool = True) -> BuildResult:
    result = process(settings, progress)
    if write:
        result.written, result.removed = write_files(settings.docs_dir, result.files)
    return result


def problem_lines(problems: Iterable[Problem]) -> list[str]:
    return [f"{p.severity}: {p}" for p in problems]
