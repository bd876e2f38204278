"""Stage 1 — read: raw bytes of a seed file -> :class:`RawDocument`.

Decoding order, most certain first:

1. a known binary signature (PNG, PDF, ZIP...) rejects the file;
2. a byte-order mark (UTF-8, UTF-16, UTF-32) decides;
3. otherwise every codec among UTF-8, GB18030 and Big5 that decodes the
   bytes strictly is a candidate; when the bytes hold NULs (UTF-16 without
   a BOM) or none of those decodes, charset-normalizer, a maintained
   detector, picks among the encodings Chinese web pages and newspapers
   actually use;
4. among the candidates, the decoding whose characters are the ones ordinary
   Chinese text uses wins (:func:`plausibility`); ties go to UTF-8, then
   GB18030.  A detector alone guesses on texts of a few characters.

GB2312 and GBK answers are widened to GB18030 (a strict superset), so a rare
character outside GBK still decodes.  An English text whose only non-ASCII
bytes are Windows-1252 typographic punctuation (curly quotes, dashes, the
ellipsis) is a Windows-1252 candidate too.

A few stray NUL or other control characters do not make a text binary: they
stay in the decoded text and the clean stage removes them and records each
removal.  Only a decoding made largely of control characters is "binary".
Likewise a file that decodes strictly in no candidate encoding but does in
one with a few invalid byte sequences (a damaged download) is decoded with
those sequences as U+FFFD, which the clean stage removes and records.

Empty, binary, oversized and undecodable files raise :class:`ReadError` with
a reason; the pipeline reports it against the file name and builds the rest.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import threading
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

from .models import RawDocument
from .reference.hanzi import plausibility


class ReadError(Exception):
    """A seed that cannot become a document.  The message is the reason."""


# BOMs, longest first so that UTF-32-LE is not mistaken for UTF-16-LE.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Encodings a Chinese-language seed may plausibly be in.  Restricting the
# detector to these avoids e.g. cp1252 "successfully" decoding GBK bytes.
CANDIDATE_ENCODINGS: tuple[str, ...] = (
    "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "utf_16", "utf_16_le",
    "utf_16_be", "utf_32",
)

# The detector's names for GB-family encodings, all decoded as GB18030.
_WIDEN_TO_GB18030 = {"gb2312", "gbk", "cp936", "gb18030", "hz"}

# Control characters that never occur in text files (keeps \t \n \r \f).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# A decoding with more than STRAY_CONTROLS control characters that are also
# more than this share of its characters is "binary", not "text" with a few
# stray controls (which the clean stage removes and records).
MAX_CONTROL_SHARE = 0.05
STRAY_CONTROLS = 8
# At most this share of a file's bytes (or INVALID_BYTES, if more) may be
# invalid in its encoding, each invalid sequence becoming U+FFFD, and what
# decodes must still look like Chinese text (MIN_LENIENT_PLAUSIBILITY);
# beyond that the file is "not decodable".
MAX_INVALID_SHARE = 0.01
INVALID_BYTES = 8
MIN_LENIENT_PLAUSIBILITY = 0.6
# Characters a single-byte Western decoding makes of bytes 0x80-0xFF (Latin-1
# and the Windows-1252 extras).  Valid UTF-8 made only of ASCII and these is
# UTF-8: Western text, or mojibake ("Ö£ÖÝ" for GBK 郑州 read as Latin-1 and
# saved as UTF-8) that the clean stage repairs.  Read as GB18030 instead, its
# two-byte sequences look like hanzi ("脰拢脰脻").
_WESTERN = re.compile("[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                      "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
MIN_WESTERN = 6
# A seed larger than this is refused: a news archive's documents are a few
# kilobytes, and a 20 MB dump takes minutes and gigabytes to build.
MAX_BYTES = 4 * 1024 * 1024

# Windows-1252 bytes of typographic punctuation: … ‘ ’ “ ” • – —.  A file
# whose non-ASCII bytes are all among these is an English text from a word
# processor, and GB18030 would read "it’s" as "it抯".
_CP1252_PUNCTUATION = frozenset(b"\x85\x91\x92\x93\x94\x95\x96\x97")
_ASCII = bytes(range(0x80))

_URL_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


# Stems MkDocs would publish as the directory's index page, not as their own.
_RESERVED_STEMS = {"index", "readme"}


def doc_id_for(file_name: str) -> str:
    """The URL segment for a seed: its file name without ``.txt``.

    Names that are already URL-safe (ASCII letters, digits, ``_`` and ``-``)
    are kept as they are.  Anything else (spaces, Chinese, punctuation,
    full-width letters) is replaced by ``-`` and, because that replacement
    can make two names collide, a short hash of the original name is
    appended; so is it to ``index`` and ``README``, which MkDocs would turn
    into the directory's own page.  Deterministic, and independent of the
    title and of the file's content.
    """
    stem = file_name[:-4] if file_name.lower().endswith(".txt") else file_name
    safe = _URL_UNSAFE.sub("-", unicodedata.normalize("NFKC", stem)).strip("-")
    if safe == stem and safe and safe.lower() not in _RESERVED_STEMS:
        return safe
    digest = hashlib.sha1(stem.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{safe}-{digest}" if safe else f"doc-{digest}"


# File signatures of formats that are certainly not text, for a clear reason.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office (DOC/XLS) document"),
    (b"\x7fELF", "ELF executable"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
)

# In preference order: on a tie in plausibility the earlier one wins (a
# mainland Henan archive sees GB18030 far more often than Big5).
_PREFERRED = ("utf-8", "gb18030", "big5")


def _han_share(text: str) -> float:
    others = [ch for ch in text if ord(ch) > 0x7F]
    if not others:
        return 1.0
    return sum(1 for ch in others if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf") / len(others)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _canonical(encoding: str) -> str:
    name = encoding.lower()
    if name in _WIDEN_TO_GB18030:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def _controls(text: str) -> int:
    return len(_CONTROL.findall(text))


def _looks_binary(text: str, controls: int | None = None) -> bool:
    controls = _controls(text) if controls is None else controls
    return controls > STRAY_CONTROLS and controls > MAX_CONTROL_SHARE * len(text)


def _count_invalid(exc: UnicodeDecodeError) -> tuple[str, int]:
    _invalid.count += exc.end - exc.start
    return "\ufffd", exc.end


_invalid = threading.local()
_COUNT_INVALID = "generator.read.replace-and-count"
codecs.register_error(_COUNT_INVALID, _count_invalid)


def _lenient(data: bytes, encoding: str) -> str | None:
    """``data`` decoded with invalid sequences as U+FFFD, if they are few."""
    _invalid.count = 0
    try:
        text = data.decode(encoding, errors=_COUNT_INVALID)
    except (UnicodeDecodeError, LookupError):
        return None
    if _invalid.count > max(INVALID_BYTES, MAX_INVALID_SHARE * len(data)):
        return None
    return text if plausibility(text) >= MIN_LENIENT_PLAUSIBILITY else None


def _western(text: str) -> bool:
    others = [ch for ch in text if ord(ch) > 0x7F]
    return len(others) >= MIN_WESTERN and all(_WESTERN.match(ch) for ch in others)


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise :class:`ReadError`."""
    if not data.strip():
        raise ReadError("empty file (no text)")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise ReadError(f"binary file ({kind}), not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                at = exc.start + (len(bom) if encoding == "utf-8-sig" else 0)
                raise ReadError(f"starts with a {encoding} byte-order mark but does not decode: {exc.reason} at byte {at}") from None
            return text.lstrip("\ufeff"), encoding
    # Every codec that decodes the bytes strictly is a candidate, unless the
    # decoding is largely control characters.  UTF-16/32 without a BOM is
    # only plausible when NUL bytes occur (any ASCII, digit or newline in it
    # has one); charset-normalizer proposes those, and any encoding among
    # CANDIDATE_ENCODINGS the fixed list does not cover.  A UTF-8 text with a
    # few stray NULs decodes as UTF-8 too and competes with them.
    has_nul = b"\x00" in data
    candidates: dict[str, str] = {}
    binary = 0

    def consider(encoding: str, text: str | None) -> None:
        nonlocal binary
        if text is None or encoding in candidates:
            return
        if _looks_binary(text):
            binary += 1
            return
        candidates[encoding] = text

    for encoding in _PREFERRED:
        consider(encoding, _strict(data, encoding))
    high = set(data.translate(None, _ASCII))
    if high and high <= _CP1252_PUNCTUATION:
        consider("cp1252", _strict(data, "cp1252"))
    if has_nul or not candidates:
        allowed = [e for e in CANDIDATE_ENCODINGS if has_nul or not e.startswith("utf_")]
        match = from_bytes(data, cp_isolation=allowed).best()
        if match is not None:
            encoding = _canonical(match.encoding)
            consider(encoding, _strict(data, encoding))
    if not candidates and not binary:
        # No strict reading: a damaged file with a few invalid sequences.
        for encoding in _PREFERRED:
            consider(encoding, _lenient(data, encoding))
    if not candidates:
        if has_nul:
            raise ReadError("binary file: contains NUL bytes and is not UTF-16 or UTF-32 text")
        if binary:
            raise ReadError("looks binary: every decoding of it is largely control characters")
        raise ReadError("not decodable as UTF-8, GB18030, Big5 or UTF-16 (binary or unknown encoding)")
    if "utf-8" in candidates and _western(candidates["utf-8"]):
        return candidates["utf-8"], "utf-8"
    order = list(candidates)
    # Ties (e.g. GBK "路" is also UTF-8 "·") go to the reading whose
    # non-ASCII characters are more often hanzi (a Chinese archive's text is
    # made of them), then to the one with fewer control characters (ASCII
    # UTF-16 without a BOM is also UTF-8 with a NUL after every letter),
    # then to list order, which puts UTF-8 first.
    best = max(order, key=lambda e: (plausibility(candidates[e]), _han_share(candidates[e]),
                                     -_controls(candidates[e]), -order.index(e)))
    return candidates[best], best


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


def _too_large(size: int) -> ReadError:
    return ReadError(f"too large: {_size(size)}; a seed may have at most {_size(MAX_BYTES)} "
                     "(split it into its documents)")


def read_bytes(file_name: str, data: bytes) -> RawDocument:
    """Decode one seed's bytes.  Pure: no file system access."""
    if len(data) > MAX_BYTES:
        raise _too_large(len(data))
    text, encoding = decode(data)
    text = normalise_newlines(text.lstrip("\ufeff"))
    if not text.strip():
        raise ReadError("empty file (only whitespace)")
    controls = _controls(text)
    if _looks_binary(text, controls):
        raise ReadError(f"looks binary: {controls} control characters in {len(text)} (decoded as {encoding})")
    return RawDocument(
        doc_id=doc_id_for(file_name),
        file_name=file_name,
        text=text,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )


# Characters that would break a one-line message or reorder its display.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def display_name(file_name: str) -> str:
    """A file name as a one-line message can show it: bytes that are not
    UTF-8 as ``\\xNN``, control and bidi characters as escapes."""
    name = file_name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), name)


# Characters a file name must not have: controls and what YAML and one-line
# messages take for a line break (the name is quoted in front matter, in a
# YAML comment and in every problem line).
_BAD_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def read_file(path: Path) -> RawDocument:
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        raise ReadError("the file name is not valid UTF-8 (pages, links and citations need a text name); "
                        "rename the file") from None
    bad = _BAD_NAME.search(path.name)
    if bad:
        raise ReadError(f"the file name contains a line break or control character ({display_name(bad.group())}); "
                        "rename the file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:  # refused before reading it into memory
            raise _too_large(size)
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror}") from None
    return read_bytes(path.name, data)
