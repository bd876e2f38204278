"""The headline (not the kicker, subtitle, dateline or site name) and, for a
text without one, a title derived from speaker and occasion."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..reference.vocabulary import compose
from . import dates
from .layout import Layout, Line
from .rules import norm, rules, rx

MAX_TITLE = 80
MIN_CJK = 5
DERIVED_EVIDENCE = "derived from speaker and occasion"
_CJK = re.compile(r"[\u4e00-\u9fff]")
# A byline or a labelled source/editor line is never the headline.
_BYLINE_OR_LABEL = re.compile(compose("{{reporter_roles}}|{{source_labels}}[:：]|责任编辑"))
_SPEAKER_PREFIX = re.compile(r"^(?P<who>[\u4e00-\u9fff]{2,4})\s*[:：]\s*(?P<rest>.+)$")
_BANNER_MAX = 12
DERIVED_MAX = 40
_LEAD_TIME = re.compile(
    r"^(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:上午|下午|晚上|晚间|晚|早上|凌晨)?[,，]"
    r"|^(?:昨天|昨日|今天|今日|前天|近日|日前|近期|目前|当天|本周|上周)(?:上午|下午|晚上|晚间|晚)?[,，]")
_SLOGAN = re.compile(r"[\u4e00-\u9fff]{4}(?:\s+[\u4e00-\u9fff]{4})+")


@dataclass(frozen=True)
class TitleResult:
    title: str
    subtitle: str | None
    method: str
    evidence: str
    subtitle_evidence: str = ""


def clean_title(text: str) -> str:
    text = re.sub(r"^\s*#{1,6}\s+", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    join = re.escape(rules()["headline_join_chars"])
    text = re.sub(rf"\s+(?=[{join}])|(?<=[{join}])\s+", "", text)
    return text.strip(" 。.")


def _is_headline_like(line: Line) -> bool:
    n = line.n.strip()
    if len(n) <= rules()["nav_max_chars"] or len(n) > MAX_TITLE or len(_CJK.findall(n)) < MIN_CJK:
        return False
    if rx("chrome_line").match(n) or rx("page_label").match(n) or line.role == "speaker" or rx("speaker_line").match(n):
        return False
    if dates.FULL.search(n) or dates.YEAR_ONLY_LINE.match(n) or dates.MONTH_DAY_LINE.match(n):
        return False
    if re.match(r"^[\s□■●◆]", line.plain) or re.search(_BYLINE_OR_LABEL, n):
        return False
    if re.match(r"^[(（][上下]接", n) or re.match(rx("speech_salutation").pattern, n):
        return False
    if rx("addressee").match(n) or rx("doc_number").match(n):
        return False
    if n.endswith((":", "：")) and not rx("kicker_tail").search(n):
        return False  # a line that introduces what follows ("…通知如下：")
    if re.fullmatch(rf"[\u4e00-\u9fff]{{2,10}}{rules()['publication_suffix']}", n):
        return False
    return True


def _is_banner(text: str, level: int, rest: list[tuple[Line, str]]) -> bool:
    """A column banner above the headline ("# 集聚产业 追梦中原" over "## 全市…"):
    a short line at a higher Markdown level than the next candidate, or a
    slogan of 4-character phrases above a much longer headline."""
    if not rest or len(text) > _BANNER_MAX:
        return False
    nxt_line, nxt = rest[0]
    if level and nxt_line.level > level:
        return True
    return bool(_SLOGAN.fullmatch(text)) and len(nxt) >= 2 * len(text)


def headline(lay: Layout) -> TitleResult | None:
    """Headline from the header lines: the cleaner's headline/subtitle/kicker
    cues and any unlifted leading lines, judged again here (roles are hints:
    a kicker stays a kicker, but a cue called headline may be a banner)."""
    roles = ("headline", "subtitle", "kicker", "")
    lines = [l for l in lay.header if l.role in roles and _is_headline_like(l)]
    if not lines:
        return None
    texts = [clean_title(l.plain) for l in lines]
    keep: list[tuple[Line, str]] = []
    for i, (line, text) in enumerate(zip(lines, texts)):
        m = _SPEAKER_PREFIX.match(text)
        if m and any(clean_title(m.group("rest")) == other for j, other in enumerate(texts) if j != i):
            continue  # "李庆贵:X" repeats the newspaper headline X
        if _is_banner(text, line.level, list(zip(lines[i + 1 :], texts[i + 1 :]))):
            continue
        keep.append((line, text))
    if not keep:
        return None
    keep = _join_runs_on(keep)
    method = "explicit"
    speech_sub = next((i for i, (_, t) in enumerate(keep) if rx("speech_subtitle").match(norm(t))), None)
    if speech_sub:  # title lines above "——在…的讲话" are one title
        title = " ".join(t for _, t in keep[:speech_sub])
        subtitle = keep[speech_sub][1].lstrip("—－-― ")
        return TitleResult(title, subtitle, method, "headline lines above the speech subtitle", "speech subtitle line")
    kicker_re = rx("kicker_tail")
    keep = [part for line, text in keep for part in _split_inline_kicker(line, text, kicker_re)]
    # A kicker leads into the headline below it; the same words under the
    # headline ("穆为民出席并讲话") are its subtitle.
    is_kicker = [line.role == "kicker" or (bool(kicker_re.search(norm(t))) and i + 1 < len(keep))
                 for i, (line, t) in enumerate(keep)]
    kickers = [t for (_, t), k in zip(keep, is_kicker) if k]
    mains = [(l, t) for (l, t), k in zip(keep, is_kicker) if not k]
    if not mains:
        return TitleResult(kickers[0], None, method, "headline line")
    if not kickers and len(mains) == 3 and len(mains[1][1]) > max(len(mains[0][1]), len(mains[2][1])):
        # 引题 / 主题 / 副题: a newspaper's three-line title has the main
        # (and longest) line in the middle; the line above is its kicker.
        return TitleResult(mains[1][1], mains[0][1], method, "middle line of a three-line title", "kicker line")
    title_line, title = mains[0]
    subtitle = kickers[0] if kickers else (mains[1][1] if len(mains) > 1 else None)
    if subtitle:
        subtitle = subtitle.lstrip("—- ")
    sub_ev = "kicker line" if kickers else ("second headline line" if subtitle else "")
    return TitleResult(title, subtitle, method, "headline line", sub_ev)


def _join_runs_on(keep: list[tuple[Line, str]]) -> list[tuple[Line, str]]:
    """Join a title line that stops mid-phrase (ends in 暨, 和, 的 …) with the
    title line after it."""
    runs_on = rx("title_runs_on")
    out: list[tuple[Line, str]] = []
    for line, text in keep:
        if out and runs_on.search(norm(out[-1][1])):
            out[-1] = (out[-1][0], out[-1][1] + text)
        else:
            out.append((line, text))
    return out


def _split_inline_kicker(line: Line, text: str, kicker_re: re.Pattern) -> list[tuple[Line, str]]:
    """A newspaper often prints kicker and headline on one line, separated by
    a space ("全市…会议强调 深化认识 坚定信心"): split at the first space-separated
    phrase that ends like a kicker, when a real headline remains after it."""
    parts = text.split(" ")
    for i in range(1, len(parts)):
        lead, rest = " ".join(parts[:i]), " ".join(parts[i:])
        if kicker_re.search(norm(lead)) and len(_CJK.findall(rest)) >= MIN_CJK:
            return [(line, lead), (line, rest)]
    return [(line, text)]


def occasion(text: str, lead: str) -> str | None:
    t = norm(text)
    not_after = rx("occasion_not")
    not_before = rx("occasion_not_before")

    def ok(src: str, m: re.Match) -> bool:
        return not not_after.search(src[m.end() : m.end() + 3]) and not not_before.search(src[max(0, m.start() - 12) : m.start()])

    lead_n = norm(lead)[:200]
    for m in rx("occasion").finditer(lead_n):
        if ok(lead_n, m) and not m.group("occ").startswith("全省"):
            return m.group("occ")
    scope = "全县" if re.search(r"我县|全县", t) and not re.search(r"我市|全市", t) else "全市" if re.search(r"我市|全市", t) else ""
    this = [m.group("occ") for m in rx("occasion_this").finditer(t) if ok(t, m)]
    if this:
        best = max(this, key=len)
        return best if best.startswith(("全", scope or "全")) else scope + best
    for m in rx("occasion_activity").finditer(t):
        occ = m.group("occ").strip("“”")
        return f"{occ}{m.group('act')}活动"
    local = [m.group("occ") for m in rx("occasion").finditer(t) if ok(t, m) and m.group("occ").startswith(("全市", "全县", "全区"))]
    return local[0] if local else None


def derived(speaker: str | None, occ: str | None, first_sentence: str | None) -> TitleResult | None:
    if occ:
        return TitleResult(f"{speaker or ''}在{occ}上的讲话", None, "inferred", DERIVED_EVIDENCE)
    if speaker:
        return TitleResult(f"{speaker}的讲话", None, "inferred", DERIVED_EVIDENCE)
    if first_sentence:
        # The lead's time phrase ("2014年6月5日，", "昨天上午，") says when, not what.
        text = _LEAD_TIME.sub("", first_sentence, count=1) or first_sentence
        sentence = re.split(r"[。；;！!？?]", text)[0]
        short = sentence if len(sentence) <= DERIVED_MAX else re.split(r"[,，]", sentence)[0][:DERIVED_MAX]
        return TitleResult(short + ("…" if short != sentence else ""), None, "inferred", "first sentence of the body")
    return None
