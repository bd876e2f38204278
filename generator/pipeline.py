"""The whole path from ``seeds/`` to generated files, stage by stage.

Each stage is a plain function from data to data (see ``models.py``).  This
module only sequences them and isolates failures: one bad document is
reported against its file name and dropped, and every other one still builds.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import fields as dataclass_fields
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from . import cache, clean, curate, export, extract, listings, read, render, search
from .clean import CorpusProfile
from .extract import nlp
from .config import Settings
from .models import BuildResult, CleanedDocument, Document, OutputFile, Problem, RawDocument
from .progress import SILENT, Progress, SayFn
from .write import read_manifest, write_files

log = logging.getLogger("generator")

T = TypeVar("T")

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


def _settings_key(settings: Settings) -> str:
    """The settings the per-document stages may read (all but the paths)."""
    skip = {"seeds_dir", "docs_dir", "cache_dir"}
    return repr(sorted((f.name, repr(getattr(settings, f.name))) for f in dataclass_fields(settings) if f.name not in skip))


def _seed_key(path: Path, settings_key: str, fp: str) -> str | None:
    """The cache key of a seed, or None when its file must go through the
    read stage's own checks (an odd name, too large, unreadable)."""
    try:
        path.name.encode("utf-8")
        if path.stat().st_size > read.MAX_BYTES:
            return None
        data = path.read_bytes()
    except (OSError, UnicodeEncodeError):
        return None
    return cache.entry_key(path.name, hashlib.sha256(data).digest(), settings_key, fp)


def read_seeds(seeds_dir: Path, problems: list[Problem], store: cache.Cache | None = None,
               settings_key: str = "") -> list[RawDocument]:
    return [raw for raw, _entry in _read_seeds(seeds_dir, problems, store, settings_key)]


def _read_seeds(seeds_dir: Path, problems: list[Problem], store: cache.Cache | None,
                settings_key: str) -> list[tuple[RawDocument, cache.Entry | None]]:
    """Every readable seed with its cache entry (None on a miss)."""
    out: list[tuple[RawDocument, cache.Entry | None]] = []
    seen: dict[str, tuple[str, str]] = {}  # casefolded id -> (id, file name)
    same_bytes: dict[str, str] = {}  # sha256 -> file name of the first seed with those bytes
    for path in seed_paths(seeds_dir):
        name = read.display_name(path.name)  # printable on one line
        key = _seed_key(path, settings_key, store.fp) if store is not None else None
        entry = store.load(key) if key is not None else None
        if entry is not None and entry.raw.file_name == path.name:
            raw = entry.raw
        else:
            entry = None
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
        if raw.sha256 in same_bytes:
            # the same file twice (a second download, a copy under another
            # name): one page, never two, and the archivist removes one
            problems.append(Problem(name, f"same bytes as {same_bytes[raw.sha256]} (an exact duplicate); "
                                          "remove one of them"))
            continue
        same_bytes[raw.sha256] = name
        seen[raw.doc_id.casefold()] = (raw.doc_id, name)
        out.append((raw, entry))
    return out


# --- clean + extract, in worker processes when there are many ------------

PARALLEL_MIN = 50  # fewer cache misses than this are processed in the main process
WorkFn = Callable[[RawDocument, CorpusProfile, Settings], cache.Entry]
_work: tuple[CorpusProfile, Settings, WorkFn] | None = None


def workers_wanted() -> int:
    """``ARCHIVE_WORKERS`` (1 = serial), else two, never more than the CPUs."""
    value = os.environ.get("ARCHIVE_WORKERS", "").strip()
    try:
        return max(1, int(value))
    except ValueError:
        return max(1, min(2, os.cpu_count() or 1))


def clean_extract(raw: RawDocument, profile: CorpusProfile, settings: Settings) -> cache.Entry:
    """Clean and extract one document; failures become problems of the entry
    (stage "clean" or "extract"), as :func:`_guard` reports them."""
    nlp.init()  # the jieba dictionary clean consults is then the same in every process and build
    deps = cache.Dependencies()
    found: list[Problem] = []
    doc = _guard(raw.file_name, "clean", found, lambda: clean.clean(raw, cache.RecordingProfile(profile, deps)))
    problems = [("clean", p) for p in found]
    meta = None
    if doc is not None:
        found = []
        meta = _guard(doc.raw.file_name, "extract", found, lambda: extract.extract(doc, settings))
        problems += [("extract", p) for p in found]
    invalid = None
    if meta is not None:
        found = []
        checked = _guard(raw.file_name, "curate", found, lambda: curate.validate_metadata(meta))
        invalid = tuple(checked) if checked is not None else None  # None: validate again in curate
    digest = cache.content_digest((doc, meta)) if meta is not None else ""
    return cache.Entry(raw=raw, cleaned=doc, meta=meta, problems=tuple(problems), deps=deps, invalid=invalid,
                       digest=digest)


# The per-document task (a module-level function, so a worker can import it);
# tests replace it to make a worker fail.
task: WorkFn = clean_extract


def _init_worker(profile: CorpusProfile, settings: Settings, work: WorkFn) -> None:
    global _work
    _work = (profile, settings, work)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    nlp.init()


def _work_one(raw: RawDocument) -> cache.Entry:
    assert _work is not None
    profile, settings, work = _work
    return _run_one(work, raw, profile, settings)


def _run_one(work: WorkFn, raw: RawDocument, profile: CorpusProfile, settings: Settings) -> cache.Entry:
    """One document's task: whatever goes wrong is this document's problem."""
    try:
        return work(raw, profile, settings)
    except Exception as exc:  # noqa: BLE001 - isolate one document's failure
        message = f"internal error in a worker process: {type(exc).__name__}: {exc}"
        return cache.Entry(raw=raw, problems=(("clean", Problem(raw.file_name, message)),))


def _pool_context():
    # forkserver: workers start from a clean process, not a copy of this one
    # (which may hold threads, e.g. under `mkdocs serve`).
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _clean_extract_all(raws: list[RawDocument], profile: CorpusProfile, settings: Settings,
                       progress: Progress = SILENT, work: WorkFn | None = None) -> list[cache.Entry]:
    """Entries in the order of ``raws``, computed in a process pool when there
    are enough of them and more than one worker is wanted."""
    work = work or task
    workers = workers_wanted()
    if not raws:
        return []
    done: list[cache.Entry] = []
    with progress.count("cleaning and extracting", len(raws)) as advance:
        def serial(rest: list[RawDocument]) -> list[cache.Entry]:
            out = []
            for raw in rest:
                out.append(_run_one(work, raw, profile, settings))
                advance(1)
            return out

        if workers <= 1 or len(raws) < PARALLEL_MIN:
            return serial(raws)
        progress.say(f"cleaning and extracting {len(raws)} document(s) in {workers} processes")
        try:
            with ProcessPoolExecutor(workers, mp_context=_pool_context(), initializer=_init_worker,
                                     initargs=(profile, settings, work)) as pool:
                chunk = max(1, min(32, len(raws) // (workers * 8)))
                for entry in pool.map(_work_one, raws, chunksize=chunk):
                    done.append(entry)
                    advance(1)
        except BrokenProcessPool:  # a worker died (killed, out of memory): finish here, one document at a time
            log.warning("worker process died; processing the remaining documents serially")
        return done + serial(raws[len(done):])


def process(settings: Settings, progress: Progress = SILENT) -> BuildResult:
    """Run every stage and return the files to write (nothing is written)."""
    result, _key = _documents(settings, progress)
    result.documents, result.files = _corpus_files(result.documents, settings, result.problems, progress.say)
    return result


def _documents(settings: Settings, progress: Progress) -> tuple[BuildResult, str]:
    """The per-document stages (read, clean, extract, curate): a result with
    the published documents and their problems, and the digest of everything
    the whole-corpus stages will read (:func:`cache.corpus_key`)."""
    say = progress.say
    result = BuildResult()
    problems = result.problems
    store = cache.Cache(settings.cache_dir) if settings.cache_dir is not None else None
    skey = _settings_key(settings)

    pairs = _read_seeds(settings.seeds_dir, problems, store, skey)
    raws = [raw for raw, _entry in pairs]
    say(f"read {len(raws)} seed(s)")

    profile = _profile(raws, store)
    answers: dict[str, str] = {}
    entries: list[cache.Entry | None] = [
        e if e is not None and e.deps is not None and e.deps.hold_for(profile, answers) else None for _r, e in pairs]
    digests: dict[str, str] = {}  # document id -> content digest
    missing = [i for i, e in enumerate(entries) if e is None]
    for i, entry in zip(missing, _clean_extract_all([raws[i] for i in missing], profile, settings, progress)):
        entries[i] = entry
        if store is not None and not entry.problems:
            store.store(_entry_key(entry.raw, skey, store.fp), entry)
    if store is not None:
        store.hits, store.misses = len(entries) - len(missing), len(missing)
        store.prune()
        say(f"cache: {store.hits} reused, {store.misses} processed ({store.dir})")

    cleaned: list[cache.Entry] = []
    for entry in entries:
        assert entry is not None
        problems.extend(p for stage, p in entry.problems if stage == "clean")
        if entry.cleaned is not None:
            cleaned.append(entry)
            problems.extend(Problem(read.display_name(entry.raw.file_name), warning, "warning")
                            for warning in entry.cleaned.warnings)
    say(f"cleaned {len(cleaned)} document(s)")

    documents: list[Document] = []
    for entry in cleaned:
        doc = entry.cleaned
        name = doc.raw.file_name
        sidecar = _guard(name, "curate", problems, lambda n=name: curate.load_sidecar(settings.seeds_dir, n))
        problems.extend(p for stage, p in entry.problems if stage == "extract")
        meta = entry.meta
        if meta is None:
            continue
        if sidecar:
            overridden = _guard(name, "curate", problems, lambda m=meta, s=sidecar: curate.apply_sidecar(m, s))
            if overridden is None:
                continue
            meta = overridden
        if not sidecar and entry.invalid is not None:  # validated in the worker (and cached)
            invalid = list(entry.invalid)
        else:
            invalid = _guard(name, "curate", problems, lambda m=meta: curate.validate_metadata(m))
        if invalid is None or invalid:  # front matter that the site could not trust: skip the page
            problems.extend(invalid or ())  # None: _guard has reported the failure
            continue
        documents.append(Document(cleaned=doc, meta=meta))
        digests[meta.id] = cache.content_digest((entry.digest, sidecar)) if sidecar else entry.digest
    names = {e.raw.file_name for e in cleaned}
    problems.extend(_guard("seeds/", "curate", problems, lambda: curate.orphan_sidecars(settings.seeds_dir, names)) or [])
    documents.sort(key=lambda d: d.meta.id)
    result.documents = documents
    say(f"extracted metadata for {len(documents)} document(s)")
    unknown = any(not digests.get(d.meta.id) for d in documents)
    key = "" if unknown else cache.corpus_key(skey, (f"{d.meta.id} {digests[d.meta.id]}" for d in documents))
    return result, key


def _profile(raws: list[RawDocument], store: cache.Cache | None) -> CorpusProfile:
    """The corpus profile, reused from the last build when no seed changed."""
    key = cache.profile_key(raws) if store is not None else ""
    profile = store.load_profile(key) if store is not None else None
    if profile is None:
        nlp.init()  # the profile consults the jieba dictionary (see clean_extract)
        profile = clean.profile_corpus(raws)
        if store is not None:
            store.store_profile(key, profile)
    return profile


def _entry_key(raw: RawDocument, settings_key: str, fp: str) -> str:
    return cache.entry_key(raw.file_name, bytes.fromhex(raw.sha256), settings_key, fp)


class PipelineError(Exception):
    """A whole-corpus stage failed for no single document: a generator bug."""


class _StageError(Exception):
    def __init__(self, stage: str, build: Callable, cause: Exception):
        super().__init__(f"internal error in {stage} stage: {type(cause).__name__}: {cause}")
        self.stage, self.build, self.cause = stage, build, cause


def _run_corpus_stages(documents: list[Document], settings: Settings, say: SayFn) -> list[OutputFile]:
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


def _corpus_files(documents: list[Document], settings: Settings, problems: list[Problem], say: SayFn) -> tuple[list[Document], list[OutputFile]]:
    nlp.init()  # the search stage segments with the same dictionary as extraction
    documents = curate.reposts.assign(documents)  # 同文异源 groups: what every later stage shows
    groups = curate.reposts.members(documents)
    if groups:
        say(f"same text from several outlets: {len(groups)} group(s) of {sum(map(len, groups.values()))} document(s)")
    kept, files = _corpus_files_unsorted(documents, settings, problems, say)
    return kept, sorted(files, key=lambda f: f.path)


def _corpus_files_unsorted(documents: list[Document], settings: Settings, problems: list[Problem], say: SayFn) -> tuple[list[Document], list[OutputFile]]:
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


def build(settings: Settings, progress: Progress = SILENT, write: bool = True) -> BuildResult:
    """Process and write.  When every published document and the settings are
    those of the last build and its files are untouched in the docs
    directory, the whole-corpus stages are skipped and nothing is written
    (see :mod:`generator.cache`)."""
    result, key = _documents(settings, progress)
    store = cache.Cache(settings.cache_dir) if settings.cache_dir is not None and key else None
    if store is not None and write:
        last = store.load_outputs(key)
        if last is not None and _still_valid(last, result, settings.docs_dir):
            kept = set(last.kept)
            result.documents = [d for d in result.documents if d.meta.id in kept]
            result.problems.extend(last.problems)
            progress.say(f"all {len(result.documents)} document(s) as last built: listings, search and exports reused")
            return result
    before = len(result.problems)
    result.documents, result.files = _corpus_files(result.documents, settings, result.problems, progress.say)
    if write:
        result.written, result.removed = write_files(settings.docs_dir, result.files, say=progress.say)
        if store is not None:
            store.store_outputs(_outputs_record(key, result, result.problems[before:], settings.docs_dir))
    return result


def _still_valid(last: cache.CorpusOutputs, result: BuildResult, docs_dir: Path) -> bool:
    ids = {d.meta.id for d in result.documents}
    return set(last.kept) <= ids and last.still_on_disk(docs_dir, read_manifest(docs_dir))


def _outputs_record(key: str, result: BuildResult, stage_problems: list[Problem], docs_dir: Path) -> cache.CorpusOutputs:
    stats = []
    for f in result.files:
        st = (docs_dir / f.path).stat()
        stats.append((f.path, st.st_size, st.st_mtime_ns))
    return cache.CorpusOutputs(key=key, docs_dir=str(docs_dir.resolve()), kept=tuple(d.meta.id for d in result.documents),
                               problems=tuple(stage_problems), files=tuple(stats))


def problem_lines(problems: Iterable[Problem]) -> list[str]:
    return [f"{p.severity}: {p}" for p in problems]
