"""Publication or site, its page, and the reporters of a byline."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..reference.vocabulary import compose
from .layout import Layout
from .rules import looks_like_name, norm, rules, rx, thresholds

LEAD_WINDOW = thresholds().source_lead_window
BYLINE_LINE_MAX = thresholds().byline_line_max
# "2024-09-25 17:20:00 - 企业观察报", "Zheng Zhou Ri Bao·2025-11-12 00:42": a
# publication or account beside the date it published the text.
_DATED_NAME = re.compile(
    r"^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*[-－—|·•]\s*(?P<a>[^\d\s][^\d]{1,30}?)"
    r"|(?P<b>[^\d:：]{2,40}?)\s*[·•]\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)\s*$")
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


# "安阳网-安阳晚报", "商丘网—商丘日报": the paper a portal took the text from.
_SITE_THEN_PAPER = re.compile(compose(r"^[\u4e00-\u9fffA-Za-z0-9]{2,12}?{{web_suffixes}}\s*[-－—–·]+\s*(?P<paper>[\u4e00-\u9fff]{2,10}?{{newspaper_suffixes}})$"))


def _clean_source(name: str) -> str:
    name = name.strip(" \u3000□■●◆:：()（）[]【】《》")
    name = _CHANNEL.sub("", name)
    if m := _SITE_THEN_PAPER.match(name):
        name = m.group("paper")
    return re.sub(r"^本(?=报|网|台)", "", name) if len(name) > 2 else name


def _labelled(lay: Layout) -> Found | None:
    """A source the page states with a label ("来源：河南日报", "信息来源：长垣市
    融媒体中心"), in a source cue, a header line or a footer line.  What a page
    labels as its source outranks its masthead: a portal republishes what
    others wrote, and a WeChat copy names the paper it took the text from."""
    texts = [(t, t) for t in lay.cue_texts("source")]
    # any header line: a labelled "来源：" line is never the headline, whatever role a cleaner gave it
    texts += [(l.plain, l.plain) for l in lay.header]
    texts += [(l.plain, l.plain) for l in lay.footer]
    for text, evidence in texts:
        m = rx("label_source").search(norm(text))
        if m:
            name = _clean_source(m.group("src"))
            if name and not rx("no_source").match(name):
                return Found(name, "explicit", evidence)
    return None


def _is_publication(name: str) -> bool:
    return bool(re.fullmatch(rf"[\u4e00-\u9fffA-Za-z0-9]{{1,12}}{rules()['publication_suffix']}", name)) and not name.startswith("本")


def _titled(line, title: str | None) -> bool:
    """Whether a header line is (part of) the headline."""
    if not title:
        return False
    flat = re.sub(r"\s+", "", norm(line.plain))
    return bool(flat) and flat in re.sub(r"\s+", "", norm(title))


def _furniture_paper(lay: Layout, lead: str) -> Found | None:
    """The one newspaper named in the page's furniture, on a page that calls
    its paper 本报 or shows an e-paper's navigation."""
    edge = [l.plain for l in lay.header] + [l.plain for l in lay.footer]
    house = re.match(r"^[\s□■]*本报", lead) or any("本报" in t for t in lay.cue_texts("dateline", "byline"))
    epaper = any(rx("page_nav").search(re.sub(r"\s+", "", norm(t))) for t in edge)
    if not (house or epaper):
        return None
    names = {m.group("src"): t for t in edge for m in rx("furniture_paper").finditer(norm(t))}
    names = {re.sub(r"^本", "", n): t for n, t in names.items() if not n.startswith("本报")}
    if len(names) == 1:
        (name, text), = names.items()
        return Found(name, "explicit", f"the only paper the page names: {text}")
    return None


RAW_EDGE = thresholds().raw_edge_lines


def _raw_edges(lay: Layout) -> list[str]:
    """The first and last lines of the raw page that the layout does not
    hold (chrome a cleaner dropped: a copyright line, "内容来源：…", the
    page's title line), for evidence the page states there."""
    lines = [l.strip() for l in (lay.raw_text or "").split("\n") if l.strip()]
    kept = {re.sub(r"\s+", "", norm(t)) for t in list(lay.body) + [l.plain for l in lay.header + lay.footer]}
    edge = lines[:RAW_EDGE] + lines[-RAW_EDGE:] if len(lines) > 2 * RAW_EDGE else lines
    return [t for t in dict.fromkeys(edge) if re.sub(r"\s+", "", norm(t)) not in kept]


def source(lay: Layout, title: str | None = None) -> Found | None:
    if found := _labelled(lay):
        return found
    raw_edges = _raw_edges(lay)
    for text in raw_edges:
        if (m := rx("label_source").search(norm(text))) and (name := _clean_source(m.group("src"))):
            if not rx("no_source").match(name):
                return Found(name, "explicit", text)
    for text in lay.cue_texts("source"):
        # "原创 许昌发布 许昌发布 2022-08-03": WeChat's marks are not the account
        parts = [_clean_source(p) for p in re.split(r"[\s·•]+", norm(text))
                 if p and p not in ("原创", "转载") and not p.startswith("发表于")]
        pubs = [p for p in parts if _is_publication(p)]
        name = pubs[0] if pubs else next((p for p in parts if not re.search(r"\d", p)), "")
        if name:
            return Found(name, "explicit", text)
    lead = norm(lay.lead)
    header = [l for l in lay.header if l.role not in ("headline", "subtitle", "kicker") or not _titled(l, title)]
    edge = [norm(l.plain) for l in header] + [norm(l.plain) for l in lay.footer]
    for text in edge:  # "《人民日报》2014年2月4日2版刊发通讯": the paper the text first ran in
        if (m := rx("reprint_source").search(text)) and _is_publication(m.group("src")):
            return Found(m.group("src"), "explicit", m.group(0))
    candidates = [norm(l.plain) for l in header] + [lead[:LEAD_WINDOW]]
    for text in candidates:
        for key in ("lead_source", "wire_source", "message_source", "lead_label_source", "bracket_source", "reported_source"):
            m = rx(key).search(text)
            if m and _is_publication(m.group("src")) or (m and key == "wire_source"):
                return Found(_clean_source(m.group("src")), "pattern", m.group(0).strip())
    # "□郑州晚报记者 王继兵", "□《北大荒日报》记者 林 梅": a byline line (short), not
    # a reporter named in a sentence that a footer happens to end with
    bylines = candidates + [norm(l.plain) for l in lay.footer if len(l.plain) <= BYLINE_LINE_MAX]
    for text in bylines:
        text = re.sub(r"[《》]", "", text)
        for m in _BYLINE.finditer(text):
            org = m.group("org")
            pub = re.search(rf"([\u4e00-\u9fff]{{1,10}}?{rules()['publication_suffix']})$", org)
            if pub and _is_publication(pub.group(1)):
                return Found(pub.group(1), "pattern", m.group(0).strip())
        if (m := rx("byline_org").match(text)) and _is_publication(m.group("src")):
            return Found(m.group("src"), "pattern", m.group(0).strip())
    for line in list(lay.footer) + header:  # a masthead line: "郑州晚报 2013年4月28日", "新乡日报/2025年/5月/8日"
        parts = [p for p in re.split(r"[\s·•/]+", line.n.strip(" □■")) if p]
        if not parts:
            continue
        first = parts[0]
        alone_or_dated = len(parts) == 1 or any(ch.isdigit() for ch in parts[1])
        if alone_or_dated and _is_publication(first) and len(first) <= 10 and not rx("chrome_line").match(line.n):
            return Found(first, "explicit", line.plain)
        if m := _DATED_NAME.match(line.n.strip()):  # "2024-09-25 17:20:00 - 企业观察报", "Zheng Zhou Ri Bao·2025-11-12"
            name = (m.group("a") or m.group("b") or "").strip()
            if name and (_is_publication(name) or re.fullmatch(r"[A-Za-z][A-Za-z ]{3,40}", name)):
                return Found(name, "explicit", line.plain)
    for text in [norm(l.plain) for l in header]:
        m = rx("label_source").search(text)
        if m and not rx("no_source").match(_clean_source(m.group("src"))):
            return Found(_clean_source(m.group("src")), "explicit", m.group(0))
    everything = [norm(l.plain) for l in lay.footer] + [norm(p) for p in lay.body[-3:]] + [lead] + [norm(t) for t in raw_edges]
    for key, method in (("host_source", "pattern"), ("copyright_source", "pattern"), ("copyright_after", "pattern")):
        for text in everything:
            if m := rx(key).search(text):
                return Found(m.group("src"), method, m.group(0))
    if title:  # the page's title line: "<headline>__新闻频道——漯河网-…", "《<headline>》河南新闻-豫都网"
        key = re.sub(r"\s+", "", norm(title))
        for line in [l.plain for l in lay.header + lay.footer] + raw_edges:
            flat = re.sub(r"\s+", "", norm(line)).lstrip("《")
            if flat.startswith(key) and len(flat) > len(key):
                for part in re.split(r"[-－—–_|｜·》]+", flat[len(key):]):
                    if _is_publication(part) and len(part) <= 10:
                        return Found(part, "explicit", line)
    if found := _furniture_paper(lay, lead):
        return found
    for p in lay.body[:8]:  # "大河网记者了解到", "大河网专访了…": the newsroom speaking of itself
        if (m := rx("newsroom_self").search(norm(p))) and _is_publication(m.group("src")):
            return Found(m.group("src"), "pattern", m.group(0))
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
