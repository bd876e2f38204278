"""Where metadata sits in a document: header lines, footer lines, lead.

Works from the cleaner's :class:`~generator.models.Cue` list when it has one
and, in any case, from the first and last blocks of the body: a cleaner that
lifts nothing (or misses a line) still yields the same metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import CleanedDocument, Cue
from .rules import norm, rx, thresholds

HEADER_MAX_LINES = thresholds().header_max_lines
FOOTER_MAX_LINES = thresholds().footer_max_lines
TEASER_MAX = thresholds().teaser_max
TEASER_KEY = thresholds().teaser_key
SHORT_LINE = thresholds().short_line
_SENTENCE_END = re.compile(r"[。！？!?;；]$")
_MD_MARK = re.compile(r"^\s*(#{1,6})\s+")


@dataclass(frozen=True)
class Line:
    text: str  # original text, stripped
    role: str = ""  # the cleaner's cue role, "" for a body block
    level: int = 0  # Markdown-style heading level ("# x" -> 1) or block heading level
    index: int = 0  # position among header/footer lines

    @property
    def plain(self) -> str:
        """Text without a leading Markdown heading marker."""
        return _MD_MARK.sub("", self.text).strip()

    @property
    def n(self) -> str:
        return norm(self.plain)


@dataclass(frozen=True)
class Layout:
    header: tuple[Line, ...]
    footer: tuple[Line, ...]
    body: tuple[str, ...]  # paragraphs (original text) after the header, before the footer
    cues: tuple[Cue, ...]
    raw_text: str = ""  # the decoded seed, for evidence the cleaner removed (watermarks)

    @property
    def lead(self) -> str:
        return self.body[0] if self.body else ""

    def cue_texts(self, *roles: str) -> list[str]:
        return [c.text.strip() for c in self.cues if c.role in roles and c.text.strip()]

    @property
    def edge_lines(self) -> tuple[Line, ...]:
        return self.header + self.footer

    @property
    def full_text(self) -> str:
        return "\n".join([l.plain for l in self.header] + list(self.body) + [l.plain for l in self.footer])


def _is_short(text: str) -> bool:
    text = text.strip()
    if rx("welcome_line").match(norm(text)):
        return True  # a greeting ends like a sentence but is not the body's start
    if _MD_MARK.match(text):  # "## 标题": a heading line may be long
        return len(text) <= 2 * SHORT_LINE
    return len(text) <= SHORT_LINE and not _SENTENCE_END.search(text)


def _line(text: str, role: str, index: int, block_level: int = 0) -> Line:
    m = _MD_MARK.match(text)
    level = len(m.group(1)) if m else block_level
    return Line(text.strip(), role, level, index)


def layout(doc: CleanedDocument) -> Layout:
    blocks = [b for b in doc.blocks if b.text.strip()]
    texts = [(b.text.strip(), b.level if b.kind == "heading" else 0) for b in blocks]
    start = 0
    # The body starts at the first sentence, or where the cleaner saw body
    # structure: a salutation ("同志们：", a notice's addressee) or a section
    # heading ("一、考核范围") is never header material, however short.
    while (start < len(texts) and start < HEADER_MAX_LINES and _is_short(texts[start][0])
           and blocks[start].kind not in ("salutation", "heading")):
        start += 1
    if start == len(texts):  # nothing but short lines: keep the first few as header
        start = min(len(texts), 6)
    # A site's teaser (the lead, cut) may stand above the real header lines:
    # a header line repeated just below it ("擘画新蓝图…" / teaser / "擘画新蓝图…" /
    # "来源：…  发布时间：…") marks where the header resumes, when the body
    # below repeats the teaser's opening.
    seen = {re.sub(r"\s+", "", t) for t, _ in texts[:start]} | {
        re.sub(r"\s+", "", c.text) for c in doc.cues if c.role in ("headline", "subtitle", "kicker")}
    skipped: list[int] = []
    for j in range(start + 1, min(start + 1 + TEASER_MAX, len(texts))):
        later = "\n".join(t for t, _ in texts[j + 1 :])
        teaser = re.sub(r"\s+", "", texts[start][0])[:TEASER_KEY]
        if re.sub(r"\s+", "", texts[j][0]) in seen and _is_short(texts[j][0]) and teaser and teaser in re.sub(r"[ \t]+", "", later):
            skipped = list(range(start, j))
            start = j
            while (start < len(texts) and start - j < HEADER_MAX_LINES and _is_short(texts[start][0])
                   and blocks[start].kind not in ("salutation", "heading")):
                start += 1
            break
    end = len(texts)
    while end > start and len(texts) - end < FOOTER_MAX_LINES and _is_short(texts[end - 1][0]):
        end -= 1
    total = doc.raw.text.count("\n") + 1

    def at_end(cue: Cue) -> bool:
        return cue.role == "footer" or (cue.role in ("page", "source", "date") and cue.line > total / 2)

    header_cues = [c for c in doc.cues if not at_end(c)]
    footer_cues = [c for c in doc.cues if at_end(c)]
    # Cues come first (the cleaner's judgement), then the raw edge lines.
    raw_lines = doc.raw.text.split("\n")

    def cue_level(cue: Cue) -> int:
        if 0 < cue.line <= len(raw_lines):
            m = _MD_MARK.match(raw_lines[cue.line - 1])
            return len(m.group(1)) if m else 0
        return 0

    header = [Line(c.text.strip(), c.role, cue_level(c), i) for i, c in enumerate(header_cues) if c.text.strip()]
    header += [_line(t, "", len(header) + i, lvl) for i, (t, lvl) in enumerate(
        x for k, x in enumerate(texts[:start]) if k not in skipped)]
    footer = [_line(t, "", i, lvl) for i, (t, lvl) in enumerate(texts[end:])]
    footer += [_line(c.text, "footer", len(footer) + i) for i, c in enumerate(footer_cues) if c.text.strip()]
    body = tuple(t for t, _ in texts[start:end])
    return Layout(tuple(header), tuple(footer), body, tuple(doc.cues), doc.raw.text)
