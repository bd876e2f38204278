"""Stage 1 — read: raw bytes of a seed file -> :class:`RawDocument`.

Decoding order, most certain first:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) decides;
2. strict UTF-8 (most scraped pages today);
3. otherwise charset-normalizer, a maintained detector, picks among the
   encodings Chinese web pages and newspapers actually use.  GB2312 and GBK
   answers are widened to GB18030 (a strict superset), so a rare character
   outside GBK still decodes.

Empty, binary and undecodable files raise :class:`ReadError` with a reason;
the pipeline reports it against the file name and builds the rest.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

from .models import RawDocument


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
# More than this share of control characters means "binary", not "text".
MAX_CONTROL_SHARE = 0.01

_URL_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def doc_id_for(file_name: str) -> str:
    """The URL segment for a seed: its file name without ``.txt``.

    Names that are already URL-safe are kept as they are.  Anything else
    (spaces, Chinese, punctuation) is replaced by ``-`` and, because that
    replacement can make two names collide, a short hash of the original name
    is appended.  Deterministic, and independent of the title.
    """
    stem = file_name[:-4] if file_name.lower().endswith(".txt") else file_name
    stem = unicodedata.normalize("NFKC", stem)
    safe = _URL_UNSAFE.sub("-", stem).strip("-")
    if safe == stem and safe:
        return safe
    digest = hashlib.sha1(stem.encode("utf-8")).hexdigest()[:8]
    return f"{safe}-{digest}" if safe else f"doc-{digest}"


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise :class:`ReadError`."""
    if not data.strip():
        raise ReadError("empty file (no text)")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReadError(f"starts with a {encoding} byte-order mark but does not decode: {exc.reason} at byte {exc.start}") from None
            return text.lstrip("\ufeff"), encoding
    if b"\x00" not in data:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    # UTF-16/32 without a BOM is only plausible when NUL bytes occur (any
    # ASCII, digit or newline in it has one); otherwise short GBK or Big5
    # text can be mistaken for UTF-16 code units.
    candidates = [e for e in CANDIDATE_ENCODINGS if b"\x00" in data or not e.startswith("utf_")]
    match = from_bytes(data, cp_isolation=candidates).best()
    if match is None:
        raise ReadError("not decodable as UTF-8, GB18030, Big5 or UTF-16 (binary or unknown encoding)")
    encoding = match.encoding.lower()
    if encoding in _WIDEN_TO_GB18030:
        encoding = "gb18030"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:  # detector and codec disagree
        raise ReadError(f"detected as {encoding} but does not decode: {exc.reason} at byte {exc.start}") from None
    return text, encoding


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_bytes(file_name: str, data: bytes) -> RawDocument:
    """Decode one seed's bytes.  Pure: no file system access."""
    text, encoding = decode(data)
    text = normalise_newlines(text.lstrip("\ufeff"))
    if not text.strip():
        raise ReadError("empty file (only whitespace)")
    controls = len(_CONTROL.findall(text))
    if controls > MAX_CONTROL_SHARE * len(text):
        raise ReadError(f"looks binary: {controls} control characters in {len(text)} (decoded as {encoding})")
    return RawDocument(
        doc_id=doc_id_for(file_name),
        file_name=file_name,
        text=text,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )


def read_file(path: Path) -> RawDocument:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror}") from None
    return read_bytes(path.name, data)
