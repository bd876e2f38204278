"""Paragraph repair: split one-line dumps, join paragraphs broken mid-sentence."""

from __future__ import annotations

import re

from ..reference.vocabulary import compose
from .record import Recorder
from .text import CLOSING, WS_RE, Span, is_cjk

# Lines longer than this may be several paragraphs run together.
DUMP_MIN = 100
_MARK = r"(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}[，,、]|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}、)"
# Whitespace after a sentence end: where the source had a paragraph break.
_WS_AFTER_END = re.compile(rf"(?:[。！？]|(?<=[\u4e00-\u9fff])[!?])[”’」』）)]*(?P<ws>{WS_RE}+)(?=\S)")
# Whitespace before a section marker.
_WS_BEFORE_MARK = re.compile(rf"(?P<ws>{WS_RE}+)(?={_MARK})")
# Whitespace before what only starts a header or footer line of a page: a
# date, a labelled metadata field, a news lead ("2015-04-12 10:30 来源：许昌日报
# 本报讯…", "… 责任编辑：孙丽") -- a page flattened onto one line.
_WS_BEFORE_META = re.compile(
    rf"(?P<ws>{WS_RE}+)(?=(?:\d{{4}}\s*[-/.年]\s*\d{{1,2}}\s*[-/.月]\s*\d{{1,2}}"
    r"|" + compose("(?:{{source_labels|date_labels|editor_labels}}|作者|通讯员)") + r"\s*[:：]"
    r"|本报讯|本网讯|[\u4e00-\u9fff]{2,8}(?:网|报|台)讯))")
# A top-level marker glued to the previous sentence ("…意见。一、…").
_GLUED_MARK = re.compile(r"(?<=[。！？!?：:；;])(?P<ws>)(?=[一二三四五六七八九十]{1,3}、)")
# Inside a segment that starts with a marker, a space within the first
# clause ends a heading ("一、肯定成绩,正视问题 总的来看…").
_HEADING_GAP = re.compile(rf"^{_MARK}[^。！？!?\s]{{1,38}}?(?P<ws>{WS_RE}+)(?=\S)")


def _cuts(text: str) -> list[tuple[int, int]]:
    cuts = set()
    for rx in (_WS_AFTER_END, _WS_BEFORE_MARK, _GLUED_MARK, _WS_BEFORE_META):
        for m in rx.finditer(text):
            cuts.add((m.start("ws"), m.end("ws")))
    return sorted(cuts)


def split_dump(span: Span, rec: Recorder) -> list[Span]:
    """Split a very long line at the places where the source had paragraph
    breaks (whitespace after 。, section markers).  Whitespace-only change,
    recorded as ``para.split``."""
    if len(span) < DUMP_MIN:
        return [span]
    cuts = _cuts(span.text)
    pieces: list[Span] = []
    last = 0
    for a, b in cuts:
        if a < last:
            continue
        pieces.append(span[last:a])
        last = b
    pieces.append(span[last:])
    out: list[Span] = []
    for piece in pieces:
        m = _HEADING_GAP.match(piece.text)
        if m:
            out.extend([piece[:m.start("ws")], piece[m.end("ws"):]])
        else:
            out.append(piece)
    out = [p.strip() for p in out if p.strip()]
    for prev, nxt in zip(out, out[1:]):
        rec.change(nxt.start, prev.text[-1:] + " " + nxt.text[:1], prev.text[-1:] + "\n\n" + nxt.text[:1],
                   "para.split")
    return out


def ends_open(text: str) -> bool:
    """A paragraph that stops mid-sentence (no closing punctuation)."""
    return bool(text) and text[-1] not in CLOSING


def looks_continued(prev: str, nxt: str) -> bool:
    """``prev`` was broken mid-sentence and ``nxt`` carries on."""
    if not ends_open(prev) or not nxt:
        return False
    # Titles and labels have no sentence punctuation; only running text joins.
    if not any(c in prev for c in "，,。；;、：:") and len(prev) < 40:
        return False
    if re.match(_MARK, nxt) or nxt[0] in "“\"「『—－-□■●◆▲★☆" or re.match(r"[一二三四五六七八九十]{1,2}(是|要)", nxt):
        return False
    return is_cjk(nxt[0]) or nxt[0].isalnum()
