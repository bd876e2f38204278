"""The first step on every raw line: text decoded with the wrong encoding
upstream (mojibake) is repaired, then characters that are not text (control
and bidirectional formatting characters, U+FFFD for undecodable bytes) are
removed.  Rules and reasons: ``invisible`` and ``mojibake`` in
``rules.yaml``.  Every repair and every removal is recorded, so the record
still conserves the raw text.

Mojibake comes first because UTF-8 read as Latin-1 contains C1 control
characters ("郑" becomes "é\\x83\\x91") that belong to the repair.

A repair is recorded per run of changed characters, and the repaired
characters keep raw offsets inside their run (each the offset of the first
character it was made from), so a later cut through repaired text (a lifted
byline, a removed watermark) still records contiguous pieces.
"""

from __future__ import annotations

import codecs
import re

import ftfy
import ftfy.bad_codecs  # noqa: F401 - registers the sloppy-windows-125x codecs
from ftfy.badness import is_bad

from ..reference.hanzi import plausibility
from .record import Recorder
from .rules import Rules
from .text import Span, is_han

# What a single-byte Western decoding makes of bytes 0x80-0xFF: Latin-1 and
# the Windows-1252 extras (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ).
_WESTERN = ("\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
            "\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122")
_SUSPECT = re.compile(f"[{_WESTERN}]")
_RUN = re.compile(f"[{_WESTERN}]{{2,}}")
_WESTERN_LINE = re.compile(f"[\\x00-\\x7f{_WESTERN}]*")

# GB18030/Big5 bytes shown as Latin-1 or Windows-1252 (ftfy's sloppy variant
# keeps the five bytes Windows-1252 leaves undefined).
_WRONG = ("latin-1", "sloppy-windows-1252")
_RIGHT = ("gb18030", "big5")
# ftfy's plans that this module can align character by character: encode
# with a single-byte codec, decode as UTF-8.
_UTF8 = ("utf-8", "utf-8-variants")

# (repaired character, start, end of the characters it was made from, changed)
Aligned = list[tuple[str, int, int, bool]]


def _align(text: str, wrong: str, right: str) -> Aligned | None:
    """``text`` encoded as ``wrong`` and decoded as ``right``, each output
    character with the range of input characters its bytes came from; None
    when that does not decode strictly."""
    owner: list[int] = []
    data = bytearray()
    try:
        for i, ch in enumerate(text):
            encoded = ch.encode(wrong)
            data += encoded
            owner.extend([i] * len(encoded))
        decoder = codecs.getincrementaldecoder(right)("strict")
        out: Aligned = []
        first = 0
        for k in range(len(data)):
            piece = decoder.decode(data[k:k + 1])
            for ch in piece:
                start, end = owner[first], owner[k] + 1
                out.append((ch, start, end, not (end - start == 1 and text[start] == ch)))
            if piece:
                first = k + 1
        if decoder.decode(b"", final=True) or first != len(data):
            return None
    except (UnicodeError, LookupError):
        return None
    return out


def _gb_mojibake(text: str, r: Rules) -> Aligned | None:
    """A line of ASCII and Western characters that reads as ordinary Chinese
    once taken back to bytes and decoded as GB18030 or Big5."""
    if text.isascii() or not _WESTERN_LINE.fullmatch(text) or plausibility(text) > r.mojibake_max_before:
        return None
    best: tuple[float, Aligned] | None = None
    for wrong in _WRONG:
        for right in _RIGHT:
            aligned = _align(text, wrong, right)
            if aligned is None:
                continue
            fixed = "".join(ch for ch, *_ in aligned)
            if not any(is_han(ch) for ch in fixed):
                continue
            score = plausibility(fixed)
            if score >= r.mojibake_min_plausibility and (best is None or score > best[0]):
                best = (score, aligned)
    return best[1] if best else None


def _ftfy_plan(text: str) -> tuple[str, tuple[str, str]] | None:
    """ftfy's repair of ``text`` and its (encoding, decoding), when the plan
    is one this module can align: one re-encoding, decoded as UTF-8."""
    fixed = ftfy.fix_encoding_and_explain(text)
    plan = fixed.explanation or []
    if fixed.text == text or len(plan) != 2 or plan[0][0] != "encode" or plan[1] not in [("decode", d) for d in _UTF8]:
        return None  # nothing to do, or a plan (lossy, partial) that cannot be aligned
    return fixed.text, (plan[0][1], plan[1][1])


def _utf8_mojibake(text: str, r: Rules) -> Aligned | None:
    """What ftfy reads as UTF-8 mojibake: the whole line when it all is, else
    each run of Western characters it repairs, and each other run the same
    re-decoding turns into plausible text (ftfy leaves short runs such as
    "å¹´" for 年 alone); every other character unchanged."""
    whole = _ftfy_plan(text)
    if whole is not None:
        aligned = _align(text, *whole[1])
        if aligned is not None and "".join(ch for ch, *_ in aligned) == whole[0]:
            return aligned
    runs: list[tuple[re.Match, Aligned | None]] = []
    plans: list[tuple[str, str]] = []
    for m in _RUN.finditer(text):
        found = _ftfy_plan(m.group())
        run = _align(m.group(), *found[1]) if found else None
        if run is not None and "".join(ch for ch, *_ in run) == found[0]:
            plans.append(found[1])
        else:
            run = None
        runs.append((m, run))
    if not plans:
        return None
    aligned: Aligned = []
    last = 0
    for m, run in runs:
        if run is None:  # a run ftfy left alone: the line's plan, if it reads well
            run = _align(m.group(), *plans[0])
            if run is None or plausibility("".join(ch for ch, *_ in run)) < r.mojibake_min_plausibility:
                continue
        aligned.extend((text[i], i, i + 1, False) for i in range(last, m.start()))
        aligned.extend((ch, s + m.start(), e + m.start(), changed) for ch, s, e, changed in run)
        last = m.end()
    aligned.extend((text[i], i, i + 1, False) for i in range(last, len(text)))
    return aligned


def _apply(span: Span, aligned: Aligned, rec: Recorder, rule: str) -> Span:
    """``span`` rewritten as ``aligned``; each run of changed characters is
    recorded as one repair."""
    chars: list[str] = []
    pos: list[int] = []
    i = 0
    while i < len(aligned):
        ch, start, _, changed = aligned[i]
        if not changed:
            chars.append(ch)
            pos.append(span.pos[start])
            i += 1
            continue
        j = i
        while j < len(aligned) and aligned[j][3]:
            j += 1
        run = aligned[i:j]
        fixed = "".join(c for c, *_ in run)
        rec.repair(span[run[0][1]:run[-1][2]], fixed, rule)
        chars.append(fixed)
        pos.extend(span.pos[s] for _, s, _, _ in run)
        i = j
    return Span("".join(chars), tuple(pos))


def mojibake(span: Span, rec: Recorder, r: Rules) -> Span:
    text = span.text
    if not _SUSPECT.search(text):
        return span
    aligned = _gb_mojibake(text, r)
    if aligned is not None:
        return _apply(span, aligned, rec, r.mojibake_gb_id)
    aligned = _utf8_mojibake(text, r)
    if aligned is not None:
        return _apply(span, aligned, rec, r.mojibake_id)
    return span


def looks_like_mojibake(text: str, r: Rules) -> bool:
    """Mojibake left after :func:`mojibake`: what ftfy's heuristic calls
    mojibake, or a line of Western characters that reads as Chinese as GB18030
    or Big5 bytes, only not cleanly enough to repair (a byte lost on the way,
    few characters)."""
    if not _SUSPECT.search(text):
        return False
    if is_bad(text):
        return True
    if text.isascii() or not _WESTERN_LINE.fullmatch(text):
        return False
    for wrong in _WRONG:
        try:
            data = text.encode(wrong)
        except UnicodeEncodeError:
            continue
        for right in _RIGHT:
            decoded = data.decode(right, errors="replace")
            if (decoded.count("\ufffd") <= max(1, len(data) // 50) and any(is_han(ch) for ch in decoded)
                    and plausibility(decoded) >= r.mojibake_warn_plausibility):
                return True
    return False


def invisible(span: Span, rec: Recorder, r: Rules) -> Span:
    """``span`` without control and bidi characters and U+FFFD, each run
    recorded as removed."""
    for rule, pattern in r.invisible:
        if not pattern.search(span.text):
            continue
        pieces: list[Span] = []
        last = 0
        for m in pattern.finditer(span.text):
            rec.drop(span[m.start():m.end()], rule)
            pieces.append(span[last:m.start()])
            last = m.end()
        pieces.append(span[last:])
        span = Span.concat(pieces)
    return span
