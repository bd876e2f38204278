"""Is the original whole?  Many pages were cut off by the site they were
scraped from: the text stops mid-sentence, or the site says so with a
truncation notice ("(未完，全文共3000字，当前显示1000字)", "点击阅读全文").
Such a document is flagged ``incomplete`` so that the page (原文不完整 beside
字数) and the data export do not present a fragment as the whole text.

Two signs, either enough:

* a truncation notice anywhere in the raw text (the cleaner may have removed
  it from the body as page chrome, so the raw text is searched);
* the body ends mid-sentence: its last block does not end in closing
  punctuation (。！？…”」） etc.), or ends in a site's " ..." cut mark.  Short
  sign-off blocks at the very end (a date, an issuing body, a bracketed note
  or credit such as "（记者 张三）" or "2014年4月30日") are looked past, and
  so is a photo credit closing the last paragraph ("…通车。本报记者某某摄").

An archivist corrects a wrong flag with ``incomplete: false`` (or ``true``)
in the seed's sidecar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

from ..models import Block, CleanedDocument

# Sites' own words for "this is not all of it".
NOTICES = re.compile(
    r"[（(]\s*未完[^）)\n]{0,60}[）)]"          # (未完，全文共3000字，当前显示1000字)
    r"|全文共\s*[0-9０-９,，]+\s*字\s*[，,]?\s*当前(?:仅)?显示"
    r"|点击(?:阅读|查看|浏览)全文"
    r"|全文阅读请"
    r"|(?:阅读|查看)全文\s*(?:>>|》|→|＞＞)"
    r"|(?:余下|剩余|以下)全文"
    r"|未完待续"
)
# A sentence or a quotation may end with one of these.
CLOSING = frozenset("。！？!?…”’」』）)】》.．～~")
# Sign-off blocks a complete text may end with: a date, a bracketed note, a
# credit or attribution, an issuing body.  Only short ones.
SIGN_OFF_MAX = 30
SIGN_OFF = re.compile(
    r"^(?:[0-9０-９一二〇○零十]{2,4}\s*年\s*[0-9０-９一二十]{1,2}\s*月(?:\s*[0-9０-９一二三十]{1,3}\s*日)?"
    r"|[（(【\[].*[）)】\]]"
    r"|——.*"
    r"|.*(?:记者|記者|通讯员|通訊員|编辑|編輯|摄影|攝影|来源|來源|作者|责编|責編).*"
    r"|.*(?:政府|委员会|委員會|办公室|辦公室|办公厅|辦公廳|管委会|管委會|指挥部|指揮部|领导小组|領導小組|局|厅|委)"
    r")$")
# A credit closing the last paragraph ("…通车。本报记者聂冬晗摄"): the text
# before it is what must end a sentence.
CREDIT = re.compile(r"(?:[①-⑳]\s*)?(?:本报|本報|新华社|新華社)?(?:记者|記者|通讯员|通訊員|摄影|攝影)[：:\s]*"
                    r"[\u4e00-\u9fff、\s]{2,30}$")
# A site's truncation mark: "…安排部 ..." (an ellipsis after a space).
_CUT_ELLIPSIS = re.compile(r"\s(?:\.{3,}|…+)$")
_TRAILING_SPACE = re.compile(r"[\s\u3000|｜]+$")


@dataclass(frozen=True)
class Finding:
    incomplete: bool
    evidence: str  # what showed it ("" when the text looks whole)


def _is_sign_off(text: str) -> bool:
    return len(text) <= SIGN_OFF_MAX and bool(SIGN_OFF.match(text))


def _ends_a_sentence(text: str) -> bool:
    if not text or _CUT_ELLIPSIS.search(text):
        return False
    if text[-1] in CLOSING:
        return True
    credit = CREDIT.search(text)
    if credit and credit.start() > 0:
        before = _TRAILING_SPACE.sub("", text[: credit.start()])
        return bool(before) and before[-1] in CLOSING
    return False


def ends_mid_sentence(blocks: Sequence[Block]) -> str:
    """The last words of the body when it stops mid-sentence, else ""."""
    present = [b for b in blocks if _TRAILING_SPACE.sub("", b.text)]
    if present and present[-1].kind == "heading" and len(present) > 1:
        return present[-1].text.strip()[-20:]  # a heading with nothing under it
    texts = [_TRAILING_SPACE.sub("", b.text) for b in present if b.kind != "heading"]
    if not texts:
        return ""
    # Look past up to three sign-off blocks, if real text precedes them.
    i = len(texts) - 1
    while i > 0 and len(texts) - 1 - i < 3 and _is_sign_off(texts[i]):
        i -= 1
    last = texts[i]
    return "" if _ends_a_sentence(last) else last[-20:]


def truncation_notice(text: str) -> str:
    """The first truncation notice in ``text``, or ""."""
    m = NOTICES.search(text)
    return m.group() if m else ""


def completeness(doc: CleanedDocument) -> Finding:
    notice = truncation_notice(doc.raw.text) or truncation_notice(doc.body_text)
    if notice:
        return Finding(True, f"truncation notice: {notice}")
    tail = ends_mid_sentence(doc.blocks)
    if tail:
        return Finding(True, f"ends mid-sentence: …{tail}")
    return Finding(False, "")


def incomplete(doc: CleanedDocument, note: Callable[[str, str, str], None]) -> bool:
    """The ``incomplete`` field, its provenance noted (when flagged) through
    the extract stage's ``note(field, method, evidence)``."""
    found = completeness(doc)
    if found.incomplete:
        note("incomplete", "pattern", found.evidence)
    return found.incomplete
