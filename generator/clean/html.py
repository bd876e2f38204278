"""HTML left in scraped text: tags are dropped (a block-level tag such as
``<br>`` or ``</p>`` also ends the paragraph), character references such as
``&nbsp;`` or ``&ldquo;`` are decoded with the standard library's
``html.unescape``.  Every tag and every decoded reference is recorded."""

from __future__ import annotations

import html
import re

from .record import Recorder
from .text import Span

# A tag or comment as scrapers leave them: "<p>", "</p>", "<br/>",
# '<span style="…">', "<!-- … -->".  Bounded so that a stray "<" in prose
# (a formula, "<5%") is not taken for the start of a tag.
_TAG = re.compile(r"<!--.{0,500}?-->|</?(?P<name>[A-Za-z][A-Za-z0-9]{0,9})(?:\s[^<>]{0,300})?\s*/?>")
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Tags after which a browser starts a new line: the paragraph ends there.
_BLOCK_TAGS = frozenset("p br div li ul ol tr td th table h1 h2 h3 h4 h5 h6 section article hr blockquote".split())

TAG_RULE = "html.tag"
REF_RULE = "html.entity"


def decode_references(span: Span, rec: Recorder) -> Span:
    text = span.text
    if "&" not in text:
        return span
    out_text: list[str] = []
    out_pos: list[int] = []
    last = 0
    for m in _REFERENCE.finditer(text):
        decoded = html.unescape(m.group())
        if decoded == m.group() or not decoded:
            continue  # not a reference html knows: leave the text as it is
        out_text.append(text[last:m.start()])
        out_pos.extend(span.pos[last:m.start()])
        rec.change(span.pos[m.start()], m.group(), decoded, REF_RULE)
        out_text.append(decoded)
        out_pos.extend([span.pos[m.start()]] * len(decoded))
        last = m.end()
    if not out_pos and last == 0:
        return span
    out_text.append(text[last:])
    out_pos.extend(span.pos[last:])
    return Span("".join(out_text), tuple(out_pos))


def strip_tags(span: Span, rec: Recorder) -> list[Span]:
    """The line without its tags, cut into pieces at block-level tags."""
    text = span.text
    if "<" not in text:
        return [span]
    pieces: list[Span] = []
    current = Span("", ())
    last = 0
    for m in _TAG.finditer(text):
        current = current + span[last:m.start()]
        rec.remove(span[m.start():m.end()], TAG_RULE)
        if (m.group("name") or "").lower() in _BLOCK_TAGS:
            pieces.append(current)
            current = Span("", ())
        last = m.end()
    current = current + span[last:]
    pieces.append(current)
    return [p for p in pieces if p.text.strip()]


def clean_html(span: Span, rec: Recorder) -> list[Span]:
    return [decode_references(piece, rec) for piece in strip_tags(span, rec)]
