"""Content-addressed cache of the per-document stages (read, clean, extract).

An entry is found by a key: the sha256 of the seed's file name and bytes,
the settings extract reads, and the *fingerprint* of the generator itself
(the bytes of every ``.py/.yaml/.txt/.csv/.json`` file under ``generator/``
and the versions of jieba, opencc and ftfy).  Editing a rule, a word list or
any code therefore misses every entry; editing one seed misses one.

Cleaning also reads the corpus profile (lines repeated across documents,
frequent bigrams, injected site names: :mod:`generator.clean.profile`), which
changes as documents are added or removed.  Rather than fold the whole
profile into the key (one new document would then miss every entry), clean
runs against a :class:`RecordingProfile` that notes each question it asks —
"is this line key a template line?", "is this bigram frequent?" — with the
answer.  The entry stores those answers; a later build reuses it only when
its own profile gives the same answers to the same questions.  Cleaning is a
function of the raw text and those answers, so a reused entry is exactly
what cleaning again would give.  Any other use of a profile field (iterating
it, its length, a set operation) records a digest of the whole field.

The sidecar is not in the key: curation (load, apply, validate) is cheap and
runs after the cache on every build, so editing a sidecar reuses the entry.

Entries are pickles behind a header (magic, format version, fingerprint,
sha256 of the payload), written to a temporary file and renamed into place.
An entry that is truncated, corrupt, from another format or fingerprint, or
for another key is ignored and rebuilt, never trusted.

The whole-corpus stages (render, listings, search, export) are reused as a
whole: their outputs are a function of the settings and of every published
document, so the last build records a digest of those (each entry carries a
digest of its cleaned text and metadata; a sidecar adds its bytes) and how
the files it wrote looked afterwards.  A build whose digest is the same and
whose files are untouched on disk (same paths, sizes and modification
times) writes nothing and skips those stages; anything else runs them all.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from dataclasses import dataclass, field, fields
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable

from .clean.profile import CorpusProfile
from .models import CleanedDocument, Metadata, Problem, RawDocument

FORMAT = 2  # 2: entries carry their schema check (invalid)
MAGIC = b"ARCHIVE-CACHE\n"
PACKAGE_DIR = Path(__file__).resolve().parent
FINGERPRINT_SUFFIXES = (".py", ".yaml", ".yml", ".txt", ".csv", ".json")
VERSIONED = ("jieba", "opencc", "opencc-python-reimplemented", "ftfy")
KEEP_FINGERPRINTS = 2  # cache directories of older generator versions kept (others deleted)
DEFAULT_DIR = Path(".cache") / "generator"


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def compute_fingerprint(root: Path = PACKAGE_DIR) -> str:
    h = hashlib.sha256(f"format {FORMAT}\n".encode())
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in FINGERPRINT_SUFFIXES
                       and "__pycache__" not in p.parts):
        data = path.read_bytes()
        h.update(f"{path.relative_to(root).as_posix()}\0{len(data)}\0".encode())
        h.update(data)
    for name in VERSIONED:
        h.update(f"{name}=={_version(name)}\n".encode())
    return h.hexdigest()


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """The running generator's fingerprint (computed once per process)."""
    return compute_fingerprint()


# ---------------------------------------------------------------------------
# Recording what cleaning asks of the corpus profile


def _digest(value: Any) -> str:
    if isinstance(value, (set, frozenset)):
        value = sorted(value, key=repr)
    return hashlib.sha256(repr(value).encode()).hexdigest()


class _RecordingSet:
    """A read-only view of a frozenset that records membership questions and
    their answers; anything else marks a dependency on the whole set."""

    __slots__ = ("_s", "_log")

    def __init__(self, s: frozenset, log: "Dependencies", name: str):
        self._s, self._log = s, (log, name)

    def _whole(self) -> frozenset:
        log, name = self._log
        log.whole[name] = _digest(self._s)
        return self._s

    def __contains__(self, item) -> bool:
        log, name = self._log
        answer = item in self._s
        log.queries.setdefault(name, {})[item] = answer
        return answer

    def __bool__(self) -> bool:
        log, name = self._log
        answer = bool(self._s)
        log.truth[name] = answer
        return answer

    def __len__(self) -> int:
        return len(self._whole())

    def __iter__(self):
        return iter(self._whole())

    def __eq__(self, other):
        return self._whole() == (other._whole() if isinstance(other, _RecordingSet) else other)

    def __hash__(self):
        return hash(self._whole())

    def __getattr__(self, attr):  # issubset, intersection, ...
        return getattr(self._whole(), attr)

    def _op(name):  # noqa: N805 - builds the binary operators below
        def op(self, other):
            return getattr(self._whole(), name)(other)
        return op

    for _name in ("__and__", "__rand__", "__or__", "__ror__", "__sub__", "__rsub__", "__xor__", "__rxor__",
                  "__le__", "__lt__", "__ge__", "__gt__"):
        locals()[_name] = _op(_name)
    del _name, _op


@dataclass
class Dependencies:
    """The profile questions one document's cleaning asked, with answers."""

    queries: dict[str, dict[Any, bool]] = field(default_factory=dict)
    truth: dict[str, bool] = field(default_factory=dict)
    whole: dict[str, str] = field(default_factory=dict)

    def hold_for(self, profile: Any, digests: dict[str, str] | None = None) -> bool:
        """Would ``profile`` answer every recorded question the same way?"""
        for name, answers in self.queries.items():
            current = getattr(profile, name)
            if any((item in current) != answer for item, answer in answers.items()):
                return False
        for name, answer in self.truth.items():
            if bool(getattr(profile, name)) != answer:
                return False
        for name, digest in self.whole.items():
            have = digests.get(name) if digests is not None else None
            if have is None:
                have = _digest(getattr(profile, name))
                if digests is not None:
                    digests[name] = have
            if have != digest:
                return False
        return True


class RecordingProfile:
    """Stands in for a :class:`~generator.clean.CorpusProfile` and records
    into ``deps`` every question asked of it."""

    def __init__(self, profile: Any, deps: Dependencies):
        object.__setattr__(self, "_profile", profile)
        object.__setattr__(self, "_deps", deps)
        object.__setattr__(self, "_names", {f.name for f in fields(profile)})

    def __getattr__(self, name: str):
        value = getattr(self._profile, name)
        if name not in self._names:
            return value
        if isinstance(value, frozenset):
            return _RecordingSet(value, self._deps, name)
        self._deps.whole[name] = _digest(value)
        return value

    def __setattr__(self, name, value):
        raise AttributeError("the corpus profile is read-only")


# ---------------------------------------------------------------------------
# Entries on disk


@dataclass
class Entry:
    """What the per-document stages produced for one seed."""

    raw: RawDocument
    cleaned: CleanedDocument | None = None
    meta: Metadata | None = None
    problems: tuple[Problem, ...] = ()  # clean or extract failures (the document is dropped)
    deps: Dependencies | None = None  # None: cleaning has not run for this entry
    # schema violations of ``meta`` as extracted (before any sidecar), found in
    # the worker so that an unchanged document is not validated again
    invalid: tuple[Problem, ...] | None = None
    digest: str = ""  # content_digest of (cleaned, meta): the document's identity for whole-corpus reuse


def content_digest(value: Any) -> str:
    """A digest of what a stage produced.  Pickled bytes may differ between
    processes (set order follows the hash seed): that only costs a rebuild,
    never a wrong reuse."""
    return hashlib.sha256(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()


# ---------------------------------------------------------------------------
# Whole-corpus outputs: reused only when every published document is the same

OUTPUTS_NAME = "corpus-outputs.pkl"
PROFILE_NAME = "corpus-profile.pkl"  # a function of the seeds' bytes (and the rules): see profile_key


@dataclass(frozen=True)
class CorpusOutputs:
    """What the whole-corpus stages made last time, and how the files they
    wrote looked on disk afterwards (size and modification time)."""

    key: str                                  # digest of settings and every document's content
    docs_dir: str
    kept: tuple[str, ...]                     # ids of the documents the stages kept
    problems: tuple[Problem, ...]             # documents the stages dropped, and why
    files: tuple[tuple[str, int, int], ...]   # (path, size, mtime_ns) under docs_dir

    def still_on_disk(self, docs_dir: Path, manifest: set[str]) -> bool:
        """True when ``docs_dir`` holds exactly these files, untouched since."""
        if str(docs_dir.resolve()) != self.docs_dir or manifest != {path for path, _s, _m in self.files}:
            return False
        for path, size, mtime in self.files:
            try:
                st = (docs_dir / path).stat()
            except OSError:
                return False
            if st.st_size != size or st.st_mtime_ns != mtime:
                return False
        return True


def profile_key(raws: Iterable[RawDocument]) -> str:
    """Digest of what the corpus profile reads: every seed's id and bytes."""
    h = hashlib.sha256(f"format {FORMAT}\n".encode())
    for raw in sorted(raws, key=lambda r: r.doc_id):
        h.update(f"{raw.doc_id}\0{raw.sha256}\n".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def corpus_key(settings_key: str, document_digests: Iterable[str]) -> str:
    h = hashlib.sha256(f"format {FORMAT}\n{settings_key}\n".encode("utf-8", "surrogatepass"))
    for digest in document_digests:
        h.update(digest.encode() + b"\n")
    return h.hexdigest()


def entry_key(file_name: str, data: bytes, settings_key: str, fp: str) -> str:
    h = hashlib.sha256()
    for part in (f"format {FORMAT}", fp, settings_key, file_name):
        part_bytes = part.encode("utf-8", "surrogatepass")
        h.update(len(part_bytes).to_bytes(8, "big") + part_bytes)
    h.update(data)
    return h.hexdigest()


class Cache:
    """A directory of entries for one generator fingerprint."""

    def __init__(self, root: Path, fp: str | None = None):
        self.fp = fp or fingerprint()
        self.root = Path(root)
        self.dir = self.root / self.fp[:24]
        self.hits = self.misses = self.rejected = 0

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.pkl"

    def _header(self, digest: str) -> bytes:
        return MAGIC + f"{FORMAT}\n{self.fp}\n{digest}\n".encode()

    def load(self, key: str) -> Entry | None:
        """The entry stored under ``key``, or None if absent or untrustworthy."""
        return self._read(self._path(key), key, Entry)

    def store(self, key: str, entry: Entry) -> None:
        self._write(self._path(key), key, entry)

    def load_outputs(self, key: str) -> "CorpusOutputs | None":
        """The last build's whole-corpus outputs, if they were made from the
        documents whose digest is ``key``."""
        return self._read(self.dir / OUTPUTS_NAME, key, CorpusOutputs)

    def store_outputs(self, outputs: "CorpusOutputs") -> None:
        self._write(self.dir / OUTPUTS_NAME, outputs.key, outputs)

    def load_profile(self, key: str) -> CorpusProfile | None:
        """The corpus profile of the seeds whose digest is ``key`` (the last
        build's, when no seed changed)."""
        return self._read(self.dir / PROFILE_NAME, key, CorpusProfile)

    def store_profile(self, key: str, profile: CorpusProfile) -> None:
        self._write(self.dir / PROFILE_NAME, key, profile)

    def _read(self, path: Path, key: str, kind: type):
        try:
            blob = path.read_bytes()
        except OSError:
            return None
        try:
            if not blob.startswith(MAGIC):
                raise ValueError("no magic")
            head = blob[len(MAGIC):].split(b"\n", 3)
            version, fp, digest, payload = int(head[0]), head[1].decode(), head[2].decode(), head[3]
            if version != FORMAT or fp != self.fp or hashlib.sha256(payload).hexdigest() != digest:
                raise ValueError("other version or corrupt")
            stored_key, value = pickle.loads(payload)
            if stored_key != key or not isinstance(value, kind):
                raise ValueError("other key")
        except Exception:  # noqa: BLE001 - never trust a damaged entry: rebuild it
            self.rejected += 1
            return None
        return value

    def _write(self, path: Path, key: str, value) -> None:
        payload = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
        blob = self._header(hashlib.sha256(payload).hexdigest()) + payload
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(blob)
                os.replace(tmp, path)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
        except OSError:
            pass  # a cache that cannot be written only costs time

    def prune(self) -> None:
        """Delete the directories of all but the newest other fingerprints."""
        try:
            others = [p for p in self.root.iterdir() if p.is_dir() and p != self.dir]
            self.dir.mkdir(parents=True, exist_ok=True)
            os.utime(self.dir)
        except OSError:
            return
        others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for old in others[KEEP_FINGERPRINTS - 1:]:
            shutil.rmtree(old, ignore_errors=True)
