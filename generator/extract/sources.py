"""Publication or site, its page, and the reporters of a byline."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..reference.vocabulary import compose
from .layout import Layout
from .rules import looks_like_name, norm, rules, rx

LEAD_WINDOW = 60
_NAME_SPLIT = re.compile(r"[\s、,，]+")
# A role word glued to the name list ("文/图 本报记者 杜鹏 通讯员 任芳").
_ROLE_PREFIX = re.compile(compose("^{{house}}?{{role_qualifiers}}?{{reporter_roles}}"))
_BYLINE = re.compile(
    compose(r"(?P<org>[\u4e00-\u9fff]{0,10}?)(?P<role>{{reporter_roles|credit_roles}}|文/|图/)\s*[:：]?\s*")
    + r"(?P<names>[\u4e00-\u9fff]{2,4}(?:[\s、,，]+[\u4e00-\u9fff]{2,4}){0,7})"
)


@dataclass(frozen=True)
class Found:
    value: str
    method: str
    evidence: str


# "人民网-河南频道", "央视网·新闻频道": the site, not its channel.
_CHANNEL = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z])\s*[-－—–·•|｜]\s*[\u4e00-\u9fffA-Za-z]{1,10}?(?:频道|专题|栏目|分站|站|客户端|APP|App)$")


def _clean_source(name: str) -> str:
    name = name.strip(" \u3000□■●◆:：()（）[]【】")
    name = _CHANNEL.sub("", name)
    return re.sub(r"^本(?=报|网|台)", "", name) if len(name) > 2 else name


def _labelled(lay: Layout) -> Found | None:
    """A source the page states with a label ("来源：河南日报", "信息来源：长垣市
    融媒体中心"), in a source cue, a header line or a footer line.  What a page
    labels as its source outranks its masthead: a portal republishes what
    others wrote, and a WeChat copy names the paper it took the text from."""
    texts = [(t, t) for t in lay.cue_texts("source")]
    texts += [(l.plain, l.plain) for l in lay.header if l.role not in ("headline", "subtitle", "kicker")]
    texts += [(l.plain, l.plain) for l in lay.footer]
    for text, evidence in texts:
        m = rx("label_source").search(norm(text))
        if m:
            name = _clean_source(m.group("src"))
            if name:
                return Found(name, "explicit", evidence)
    return None


def _is_publication(name: str) -> bool:
    return bool(re.fullmatch(rf"[\u4e00-\u9fffA-Za-z0-9]{{1,12}}{rules()['publication_suffix']}", name)) and not name.startswith("本")


def source(lay: Layout) -> Found | None:
    if found := _labelled(lay):
        return found
    for text in lay.cue_texts("source"):
        # "原创 许昌发布 许昌发布 2022-08-03": WeChat's marks are not the account
        parts = [_clean_source(p) for p in re.split(r"[\s·•]+", norm(text))
                 if p and p not in ("原创", "转载") and not p.startswith("发表于")]
        pubs = [p for p in parts if _is_publication(p)]
        name = pubs[0] if pubs else next((p for p in parts if not re.search(r"\d", p)), "")
        if name:
            return Found(name, "explicit", text)
    lead = norm(lay.lead)
    header = [l for l in lay.header if l.role not in ("headline", "subtitle", "kicker")]
    candidates = [norm(l.plain) for l in header] + [lead[:LEAD_WINDOW]]
    for text in candidates:
        for key in ("lead_source", "wire_source"):
            m = rx(key).search(text)
            if m and _is_publication(m.group("src")) or (m and key == "wire_source"):
                return Found(m.group("src"), "pattern", m.group(0).strip())
    for text in candidates + [norm(l.plain) for l in lay.footer]:  # "□郑州晚报记者 王继兵"
        for m in _BYLINE.finditer(text):
            org = m.group("org")
            pub = re.search(rf"([\u4e00-\u9fff]{{1,10}}?{rules()['publication_suffix']})$", org)
            if pub and _is_publication(pub.group(1)):
                return Found(pub.group(1), "pattern", m.group(0).strip())
    for line in list(lay.footer) + header:  # a masthead line: "郑州晚报 2013年4月28日"
        parts = re.split(r"[\s·•]+", line.n.strip(" □■"))
        first = parts[0]
        alone_or_dated = len(parts) == 1 or any(ch.isdigit() for ch in parts[1])
        if alone_or_dated and _is_publication(first) and len(first) <= 10 and not rx("chrome_line").match(line.n):
            return Found(first, "explicit", line.plain)
    for text in [norm(l.plain) for l in header]:
        m = rx("label_source").search(text)
        if m:
            return Found(_clean_source(m.group("src")), "explicit", m.group(0))
    everything = [norm(l.plain) for l in lay.footer] + [norm(p) for p in lay.body[-3:]] + [lead]
    for key, method in (("host_source", "pattern"), ("copyright_source", "pattern")):
        for text in everything:
            if m := rx(key).search(text):
                return Found(m.group("src"), method, m.group(0))
    if m := rx("watermark_source").search(norm(lay.raw_text or "\n".join(lay.body))):
        return Found(m.group("src"), "inferred", f"site name spliced into the text as a watermark: {m.group(0)}")
    return None


def page(lay: Layout) -> Found | None:
    texts = lay.cue_texts("page") + [l.plain for l in lay.footer] + [l.plain for l in lay.header if not l.role]
    for text in texts:
        m = rx("page_label").match(norm(text).strip())
        if m:
            return Found(m.group("p1") or m.group("p2"), "explicit", text)
    for text in lay.cue_texts("source"):  # a masthead with its page: "洛阳日报 2015年3月18日 第01版：要闻"
        m = rx("masthead_page").search(norm(text))
        if m:
            return Found(m.group("p"), "explicit", text)
    return None


def reporters(lay: Layout) -> tuple[list[str], str]:
    """Names from bylines (header lines, byline cues, the lead's opening)."""
    texts = lay.cue_texts("byline") + [norm(l.plain) for l in lay.header] + [norm(lay.lead)[:LEAD_WINDOW]]
    texts += [norm(l.plain) for l in lay.footer]
    roles = set(rules()["byline_roles_reporter"]) | set(rules()["byline_roles_contributor"]) | {"文/", "图/", "实习生"}
    names: list[str] = []
    evidence = ""
    for text in texts:
        for m in _BYLINE.finditer(text):
            if m.group("role") not in roles:
                continue
            for word in _NAME_SPLIT.split(m.group("names")):
                word = _ROLE_PREFIX.sub("", word)
                if not word:
                    continue
                if not looks_like_name(word):
                    # "记者李晓明郑州报道": the name runs on into the place it reports from
                    word = _run_on_name(word, text[m.end("names"):])
                if not word:
                    break
                if word not in names:
                    names.append(word)
                    evidence = evidence or m.group(0).strip()
    if not names:  # a wire dateline crediting its reporters: "人民网郑州3月9日电（王晶晶、赵磊）"
        joined = norm("".join(lay.cue_texts("dateline")[:1] + lay.cue_texts("byline")[:1]))
        for text in [norm(lay.lead)[:LEAD_WINDOW], joined] + [norm(l.plain) for l in lay.header]:
            m = rx("dateline_names").search(text)
            if m:
                found = [w for w in _NAME_SPLIT.split(m.group("names")) if w]
                if found and all(looks_like_name(w) for w in found):
                    return found, m.group(0)
    return names, evidence


def _run_on_name(word: str, after: str) -> str:
    """The name at the start of ``word`` when the rest of it (and what
    follows) is a place and 报道: "李晓明郑州" + "报道" -> "李晓明"."""
    from ..reference import gazetteer

    for n in (3, 2):
        rest = word[n:] + after
        if looks_like_name(word[:n]) and re.match(r"[\u4e00-\u9fff]{2,6}报道", rest):
            place = rest[: rest.index("报道")]
            if place in gazetteer.place_names() or place in ("本地", "当地"):
                return word[:n]
    return ""
