"""The whole path from ``seeds/`` to generated files, stage by stage.

Each stage is a plain function from data to data (see ``models.py``).  This
module only sequences them and isolates failures: one bad document is
reported against its file name and dropped, and every other one still builds.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from . import clean, curate, export, extract, listings, read, render, search
from .config import Settings
from .models import BuildResult, CleanedDocument, Document, OutputFile, Problem, RawDocument
from .write import write_files

log = logging.getLogger("generator")

T = TypeVar("T")
ProgressFn = Callable[[str], None]

SEED_SUFFIX = ".txt"


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
    except (read.ReadError, curate.SidecarError) as exc:
        problems.append(Problem(file_name, str(exc)))
    except Exception as exc:  # noqa: BLE001 - isolate one document's failure
        log.debug("%s failed in %s", file_name, stage, exc_info=True)
        problems.append(Problem(file_name, f"internal error in {stage} stage: {type(exc).__name__}: {exc}"))
    return None


def read_seeds(seeds_dir: Path, problems: list[Problem]) -> list[RawDocument]:
    raws: list[RawDocument] = []
    seen: dict[str, tuple[str, str]] = {}  # casefolded id -> (id, file name)
    for path in seed_paths(seeds_dir):
        name = read.display_name(path.name)  # printable on one line
        raw = _guard(name, "read", problems, lambda p=path: read.read_file(p))
        if raw is None:
            continue
        other = seen.get(raw.doc_id.casefold())
        if other is not None:
            # Ids that differ only in case would share one page on a file
            # system that ignores case (a checkout on macOS or Windows).
            also = "" if other[0] == raw.doc_id else f" except in case ({other[0]!r}), which some file systems ignore"
            problems.append(Problem(name, f"its URL id {raw.doc_id!r} collides with {other[1]}{also}; rename one of them"))
            continue
        seen[raw.doc_id.casefold()] = (raw.doc_id, name)
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
            problems.extend(Problem(read.display_name(raw.file_name), warning, "warning") for warning in doc.warnings)
    say(f"cleaned {len(cleaned)} document(s)")

    documents: list[Document] = []
    for doc in cleaned:
        name = doc.raw.file_name
        sidecar = _guard(name, "curate", problems, lambda n=name: curate.load_sidecar(settings.seeds_dir, n))
        meta = _guard(name, "extract", problems, lambda d=doc: extract.extract(d, settings))
        if meta is None:
            continue
        if sidecar:
            overridden = _guard(name, "curate", problems, lambda m=meta, s=sidecar: curate.apply_sidecar(m, s))
            if overridden is None:
                continue
            meta = overridden
        invalid = _guard(name, "curate", problems, lambda m=meta: curate.validate_metadata(m))
        if invalid is None or invalid:  # front matter that the site could not trust: skip the page
            problems.extend(invalid)
            continue
        documents.append(Document(cleaned=doc, meta=meta))
    names = {d.raw.file_name for d in cleaned}
    problems.extend(_guard("seeds/", "curate", problems, lambda: curate.orphan_sidecars(settings.seeds_dir, names)) or [])
    documents.sort(key=lambda d: d.meta.id)
    result.documents = documents
    say(f"extracted metadata for {len(documents)} document(s)")

    result.documents, files = _corpus_files(documents, settings, problems, say)
    result.files = sorted(files, key=lambda f: f.path)
    return result


class PipelineError(Exception):
    """A whole-corpus stage failed for no single document: a generator bug."""


class _StageError(Exception):
    def __init__(self, stage: str, build: Callable, cause: Exception):
        super().__init__(f"internal error in {stage} stage: {type(cause).__name__}: {cause}")
        self.stage, self.build, self.cause = stage, build, cause


def _run_corpus_stages(documents: list[Document], settings: Settings, say: ProgressFn) -> list[OutputFile]:
    files: list[OutputFile] = []
    for stage, build in (
        ("render", render.render_pages),
        ("listings", listings.build_listings),
        ("search", search.build_search_index),
        ("export", export.build_exports),
    ):
        try:
            files.extend(build(documents, settings))
        except Exception as exc:  # noqa: BLE001 - attributed to documents below
            raise _StageError(stage, build, exc) from exc
        say(f"{stage}: {len(files)} file(s) so far")
    return files


def _corpus_files(documents: list[Document], settings: Settings, problems: list[Problem], say: ProgressFn) -> tuple[list[Document], list[OutputFile]]:
    """Run the stages that see all documents at once.  If one raises, that
    stage runs on each document alone to find the ones it fails on; those
    are reported and dropped, and all the stages run again on the rest."""
    try:
        return documents, _run_corpus_stages(documents, settings, say)
    except _StageError as error:
        log.debug("corpus stages failed", exc_info=True)
        stage, build, first = error.stage, error.build, error
    kept: list[Document] = []
    failed: list[Problem] = []
    for doc in documents:
        try:
            build([doc], settings)
        except Exception as exc:  # noqa: BLE001 - isolate one document's failure
            log.debug("%s failed in %s", doc.meta.raw_file, stage, exc_info=True)
            failed.append(Problem(doc.meta.raw_file, f"internal error in {stage} stage: {type(exc).__name__}: {exc}"))
        else:
            kept.append(doc)
    if not failed or (not kept and len(documents) > 1):  # not one document's fault
        raise PipelineError(str(first)) from first.cause
    problems.extend(failed)
    try:
        return kept, _run_corpus_stages(kept, settings, say)
    except _StageError as exc:
        raise PipelineError(str(exc)) from exc.cause


def build(settings: Settings, progress: ProgressFn | None = None, write: bool = True) -> BuildResult:
    result = process(settings, progress)
    if write:
        result.written, result.removed = write_files(settings.docs_dir, result.files, say=progress)
    return result


def problem_lines(problems: Iterable[Problem]) -> list[str]:
    return [f"{p.severity}: {p}" for p in problems]
