"""The headline (not the kicker, subtitle, dateline or site name) and, for a
text without one, a title derived from speaker and occasion."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..reference.vocabulary import compose
from . import dates
from .layout import Layout, Line
from .rules import looks_like_name, norm, rules, rx, thresholds

MAX_TITLE = thresholds().max_title
MIN_CJK = thresholds().min_title_cjk
DERIVED_EVIDENCE = "derived from speaker and occasion"
_CJK = re.compile(r"[\u4e00-\u9fff]")
# A byline or a labelled source/editor line is never the headline.
_BYLINE_OR_LABEL = re.compile(compose("{{reporter_roles}}|{{source_labels}}[:：]|责任编辑"))
_SPEAKER_PREFIX = re.compile(r"^(?P<who>[\u4e00-\u9fff]{2,4})\s*[:：]\s*(?P<rest>.+)$")
_BANNER_MAX = thresholds().banner_max
DERIVED_MAX = thresholds().derived_title_max
_LEAD_TIME = re.compile(
    r"^(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:上午|下午|晚上|晚间|晚|早上|凌晨)?[,，]"
    r"|^(?:昨天|昨日|今天|今日|前天|近日|日前|近期|目前|当天|本周|上周)(?:上午|下午|晚上|晚间|晚)?[,，]")
_SLOGAN = re.compile(r"[\u4e00-\u9fff]{4}(?:\s+[\u4e00-\u9fff]{4})+")
# Phrases of a slogan or a site's motto ("新闻源 财富源", "一端在手 信息全有").
_MOTTO = re.compile(r"[\u4e00-\u9fff]{3,5}(?:\s+[\u4e00-\u9fff]{3,5})+")


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


def _flat(text: str) -> str:
    """Text with all whitespace removed ("分 享 至 手 机" -> "分享至手机")."""
    return re.sub(r"\s+", "", text)


def _is_headline_like(line: Line, lead: str = "") -> bool:
    n = line.n.strip()
    if len(n) <= rules()["nav_max_chars"] or len(n) > MAX_TITLE or len(_CJK.findall(n)) < MIN_CJK:
        return False
    if rx("chrome_line").match(n) or rx("page_label").match(n) or line.role == "speaker" or rx("speaker_line").match(n):
        return False
    flat = _flat(n)
    if (rx("title_furniture").search(flat) or rx("page_label_inline").search(n) or rx("field_label_line").match(n)
            or rx("caption").search(flat) or rx("section_heading").match(n) or rx("continuation").match(n)
            or rx("welcome_line").match(n)):
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
    if lead and len(flat) < len(lead) and lead.startswith(flat) and lead[len(flat)] in ",，、:：":
        return False  # the lead's first words cut off at a comma: a title a site made from the text
    return True


def _is_banner(text: str, level: int, rest: list[tuple[Line, str]], body: str = "") -> bool:
    """A column banner above the headline ("# 集聚产业 追梦中原" over "## 全市…"):
    a short line at a higher Markdown level than the next candidate, a
    slogan of 4-character phrases above a much longer headline, or a slogan
    none of whose phrases the body uses ("一端在手 信息全有": an app's
    promotion above the story)."""
    if not rest or len(text) > _BANNER_MAX:
        return False
    nxt_line, nxt = rest[0]
    if level and nxt_line.level > level:
        return True
    if nxt.startswith(("—", "－", "-")):
        return False
    if _SLOGAN.fullmatch(text) and len(nxt) >= 2 * len(text):
        return True
    return bool(body) and bool(_MOTTO.fullmatch(text)) and not any(phrase in body for phrase in norm(text).split())


def _names(text: str) -> bool:
    """"张玉杰、孙延文" or names run together ("王训智靳绥东李英杰"): all names."""
    for piece in filter(None, re.split(r"[、，,]", text)):
        if looks_like_name(piece):
            continue
        if not any(len(piece) % k == 0 and all(looks_like_name(piece[i : i + k]) for i in range(0, len(piece), k))
                   for k in (3, 2)):
            return False
    return True


def _is_credit(text: str) -> bool:
    """"张建慧主持并讲话", "王训智…等参加视察 连维良…等陪同": who took part."""
    parts = norm(text).split()
    return bool(parts) and all((m := rx("credit_line").match(p)) and _names(m.group("names")) for p in parts)


def _key(text: str) -> str:
    """Comparison key of a headline line: no spaces, no list bullet ("• 标题")."""
    return _flat(norm(clean_title(text))).lstrip("•·●◆■□-")


def _candidates(lay: Layout) -> list[Line]:
    """The header lines that may be the headline, nearest the body first
    where the page shows more than one article's headline: on an e-paper
    page the lines above the last navigation row are the page's list of
    headlines, and the article's own headline stands again below it."""
    roles = ("headline", "subtitle", "kicker", "")
    header = list(lay.header)
    lead = _flat(norm(lay.lead))
    ok = [l.role in roles and _is_headline_like(l, lead) for l in header]
    idx = [i for i, good in enumerate(ok) if good]
    nav = [i for i, l in enumerate(header) if rx("page_nav").search(_flat(l.n))]
    if nav and idx:
        after = [i for i in idx if i > nav[-1]]
        before = [i for i in idx if i < nav[-1]]
        if after:
            idx = after
        elif len(before) >= 3:
            return []  # only the page's list of headlines: this article's own is not on the page
    lines = [header[i] for i in idx]
    # A page's title line ("<headline>__新闻频道——某某网-…") repeats a shorter
    # candidate and adds the channel and site: the shorter one is the headline.
    keys = [_key(l.plain) for l in lines]
    return [l for l, k in zip(lines, keys)
            if not any(o and o != k and k.startswith(o) and k[len(o)] in "_-—－|｜·" for o in keys)]


def _repeated(lay: Layout, lines: list[Line]) -> TitleResult | None:
    """A headline that stands twice in the header (the page title or the
    e-paper's headline list, then again above the body): the last one is the
    article's headline; the candidate right above it is its kicker, else the
    one right below it its subtitle."""
    header = list(lay.header)
    lead = _flat(norm(lay.lead))
    keys = [_key(l.plain) if _is_headline_like(l, lead) else "" for l in header]
    chosen = [l for l in lines if keys.count(_key(l.plain)) > 1]
    if not chosen:
        return None
    at = max(i for i, l in enumerate(header) if l is chosen[-1])
    title = clean_title(chosen[-1].plain)
    above = header[at - 1] if at > 0 and keys[at - 1] and keys[at - 1] != keys[at] else None
    below = header[at + 1] if at + 1 < len(header) and keys[at + 1] and keys[at + 1] != keys[at] else None
    sub = above or below
    subtitle = clean_title(sub.plain).lstrip("—－-― ") if sub else None
    return TitleResult(title, subtitle, "explicit", "headline repeated above the body",
                       ("line above the repeated headline" if above else "line below the repeated headline") if sub else "")


def headline(lay: Layout) -> TitleResult | None:
    """Headline from the header lines: the cleaner's headline/subtitle/kicker
    cues and any unlifted leading lines, judged again here (roles are hints:
    a kicker stays a kicker, but a cue called headline may be a banner)."""
    lines = _candidates(lay)
    if not lines:
        return _original_title(lay)
    if found := _repeated(lay, lines):
        return found
    texts = [clean_title(l.plain) for l in lines]
    # Title lines above a speech's subtitle ("——在…上的讲话") are all title,
    # however slogan-like; elsewhere a motto the body never uses is a banner.
    has_speech_sub = any(rx("speech_subtitle").match(norm(t)) for t in texts)
    body = "" if has_speech_sub else norm("\n".join(lay.body[:6]))
    keep: list[tuple[Line, str]] = []
    for i, (line, text) in enumerate(zip(lines, texts)):
        m = _SPEAKER_PREFIX.match(text)
        if m and any(clean_title(m.group("rest")) == other for j, other in enumerate(texts) if j != i):
            continue  # "李庆贵:X" repeats the newspaper headline X
        if _is_banner(text, line.level, list(zip(lines[i + 1 :], texts[i + 1 :])), body):
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
    keep = [part for line, text in keep
            for part in ([(line, text)] if _is_credit(text) else _split_inline_kicker(line, text, kicker_re))]
    # A kicker leads into the headline below it; the same words under the
    # headline ("穆为民出席并讲话") are its subtitle.  A credit line is never
    # the headline.
    credits = [_is_credit(t) for _, t in keep]
    is_kicker = [line.role == "kicker" or (i + 1 < len(keep) and not credits[i + 1] and (
                 bool(kicker_re.search(norm(t))) or bool(rx("kicker_head").match(norm(t)))
                 or (bool(rx("kicker_unit").match(norm(t))) and len(keep[i + 1][1]) > len(t))))
                 for i, (line, t) in enumerate(keep)]
    kickers = [t for (_, t), k, c in zip(keep, is_kicker, credits) if k and not c]
    mains = [(l, t) for (l, t), k, c in zip(keep, is_kicker, credits) if not k and not c]
    if not kickers and len(keep) == 3 and not credits[1] and len(keep[1][1]) > max(len(keep[0][1]), len(keep[2][1])):
        # 引题 / 主题 / 副题: a newspaper's three-line title has the main
        # (and longest) line in the middle; the line above is its kicker.
        return TitleResult(keep[1][1], keep[0][1], method, "middle line of a three-line title", "kicker line")
    if not mains:
        if not kickers:
            return None  # only a credit line ("张建慧主持并讲话"): the headline is missing
        return TitleResult(kickers[0], None, method, "headline line")
    mains = _join_couplet(mains)
    title_line, title = mains[0]
    credit_sub = next((t for (_, t), c in zip(keep, credits) if c), None)
    subtitle = kickers[0] if kickers else (mains[1][1] if len(mains) > 1 else credit_sub)
    if subtitle:
        subtitle = subtitle.lstrip("—- ")
    sub_ev = "kicker line" if kickers else ("second headline line" if subtitle else "")
    return TitleResult(title, subtitle, method, "headline line", sub_ev)


_COUPLET_MAX = thresholds().couplet_max


def _join_couplet(mains: list[tuple[Line, str]]) -> list[tuple[Line, str]]:
    """Two short headline lines of the same length, one phrase each
    ("打好“主动仗”" / "筑牢“硬支撑”"), are one headline printed as a couplet."""
    if len(mains) >= 2:
        (l1, a), (_, b) = mains[0], mains[1]
        ca, cb = len(_CJK.findall(a)), len(_CJK.findall(b))
        spaced = re.compile(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]")  # two phrases already
        if (ca == cb and ca <= _COUPLET_MAX and not spaced.search(a) and not spaced.search(b)
                and not b.startswith(("—", "－", "-"))):
            return [(l1, f"{a} {b}")] + mains[2:]
    return mains


def _original_title(lay: Layout) -> TitleResult | None:
    """"（原标题：建设产业集聚区 增加就业促发展）": a repost names the
    headline it was published under; used when the page shows no headline."""
    texts = [l.plain for l in list(lay.footer) + list(lay.header)] + list(lay.body[-3:] + lay.body[:1])
    for text in texts:
        if m := rx("original_title").search(norm(text)):
            # norm folds one character for one: the span stands in the original script
            title = text[m.start("t") : m.end("t")] if len(norm(text)) == len(text) else m.group("t")
            return TitleResult(clean_title(title), None, "explicit", text)
    return None


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
