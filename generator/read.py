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
character outside GBK still decodes.

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


# Punctuation and full-width forms of everyday Chinese typesetting.
_CJK_PUNCTUATION = frozenset(
    "，。、；：？！“”‘’（）《》〈〉【】〔〕「」『』—…·～\u3000"
    + "".join(chr(c) for c in range(0xFF01, 0xFF5F))
)


def _level(ch: str) -> int | None:
    """1 for a frequent hanzi (GB2312 level 1: the 3,755 commonest simplified
    characters; Big5 level 1: 5,401 frequent traditional ones), 2 for a less
    frequent one (the second levels), 0 for a symbol either charset has,
    ``None`` for anything else."""
    levels = []
    try:
        lead = ch.encode("gb2312")[0]
        levels.append(1 if 0xB0 <= lead <= 0xD7 else 2 if 0xD8 <= lead <= 0xF7 else 0)
    except UnicodeEncodeError:
        pass
    try:
        code = int.from_bytes(ch.encode("big5"), "big")
        levels.append(1 if 0xA440 <= code <= 0xC67E else 2 if 0xC940 <= code <= 0xF9D5 else 0)
    except UnicodeEncodeError:
        pass
    hanzi = [lv for lv in levels if lv]
    return min(hanzi) if hanzi else (0 if levels else None)


def _weight(ch: str) -> float:
    if ch in _CJK_PUNCTUATION:
        return 1.0
    level = _level(ch)
    if level == 1:
        return 1.0
    if level == 2:
        return 0.4
    if level == 0:  # pinyin, Greek, Cyrillic, kana, box drawing...
        return 0.5
    return 0.1 if unicodedata.category(ch) == "Lo" else 0.0


def plausibility(text: str) -> float:
    """How much the non-ASCII characters of ``text`` look like ordinary
    Chinese writing, from 0 to 1: frequent hanzi and Chinese punctuation
    weigh most, rare hanzi less, stray symbols little.  Bytes decoded with
    the wrong codec give rarer characters, so the right decoding scores
    highest even for a text of two or three characters, where a statistical
    detector can only guess."""
    others = [ch for ch in text if ord(ch) > 0x7F and ch != "\ufeff"]
    if not others:
        return 1.0
    weights = {ch: _weight(ch) for ch in set(others)}
    return sum(weights[ch] for ch in others) / len(others)


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
    # Every codec that decodes the bytes strictly is a candidate.  UTF-16/32
    # without a BOM is only plausible when NUL bytes occur (any ASCII, digit
    # or newline in it has one); charset-normalizer proposes those, and any
    # encoding among CANDIDATE_ENCODINGS the fixed list does not cover.
    has_nul = b"\x00" in data
    candidates: dict[str, str] = {}
    if not has_nul:
        for encoding in _PREFERRED:
            text = _strict(data, encoding)
            if text is not None:
                candidates[encoding] = text
    if has_nul or not candidates:
        allowed = [e for e in CANDIDATE_ENCODINGS if has_nul or not e.startswith("utf_")]
        match = from_bytes(data, cp_isolation=allowed).best()
        if match is not None:
            encoding = _canonical(match.encoding)
            text = _strict(data, encoding)
            if text is not None:
                candidates.setdefault(encoding, text)
    if not candidates:
        if has_nul:
            raise ReadError("binary file: contains NUL bytes and is not UTF-16 or UTF-32 text")
        raise ReadError("not decodable as UTF-8, GB18030, Big5 or UTF-16 (binary or unknown encoding)")
    order = list(candidates)
    # Ties (e.g. GBK "路" is also UTF-8 "·") go to the reading whose
    # non-ASCII characters are more often hanzi (a Chinese archive's text is
    # made of them), then to list order, which puts UTF-8 first.
    best = max(order, key=lambda e: (plausibility(candidates[e]), _han_share(candidates[e]), -order.index(e)))
    return candidates[best], best


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
