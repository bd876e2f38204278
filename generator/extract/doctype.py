"""news | speech | other."""

from __future__ import annotations

import re

from ..reference.vocabulary import compose
from .layout import Layout
from .rules import norm, rx


def doc_type(lay: Layout, title: str | None, has_byline: bool, has_lead_source: bool,
             first_block_kind: str = "", has_source: bool = False) -> tuple[str, str]:
    """(type, evidence).  A transcript addresses its audience (同志们:) and
    speaks in the first person (下面,我谈几点意见); a report names its
    reporter or publication and speaks of the speaker in the third person;
    an official document (notice, plan) has a document title (关于…的通知,
    …工作要点), a document number, an addressee and attachments."""
    body = norm("\n".join(lay.body))
    speech, news, official = 0, 0, 0
    evidence: dict[str, list[str]] = {"speech": [], "news": [], "other": [], "genre": []}
    openings = [norm(l.plain) for l in lay.header if not l.role] + [norm(p) for p in lay.body[:1]]
    salutation = next((m.group(0) for t in openings if (m := rx("speech_salutation").match(t))), None)
    addressee = next((m.group(0) for t in openings if (m := rx("addressee").match(t))), None)
    if salutation or (first_block_kind == "salutation" and not addressee):
        speech += 3
        evidence["speech"].append(f"salutation {salutation or ''}".strip())
    if addressee:
        official += 2
        evidence["other"].append("addressee " + addressee)
    if title and rx("official_title").search(norm(title)):
        official += 3
        evidence["other"].append("document title " + title)
    numbers = [norm(l.plain) for l in lay.header] + lay.cue_texts("header")
    if any(rx("doc_number").match(t) for t in numbers):
        official += 3
        evidence["other"].append("document number")
    if rx("attachment").search(body):
        official += 1
        evidence["other"].append("attachment")
    # Other genres: a profile, a letter, a commentary, a plan's task list.
    if lay.body and (m := rx("profile_lead").match(norm(lay.body[0]))):
        official += 3
        evidence["genre"].append("profile: " + m.group(0))
    elif title and rx("profile_title").search(norm(title)):
        official += 3
        evidence["genre"].append("profile: " + title)
    if title and rx("letter_title").search(norm(title)):
        official += 3
        evidence["genre"].append("letter " + title)
    page_lines = [norm(l.plain) for l in lay.header]
    if m := next((m for t in page_lines if (m := rx("commentary").search(t))), None):
        official += 4
        evidence["genre"].append("commentary column " + m.group(0))
    if rx("plan_units").search(body):
        official += 3
        evidence["other"].append("plan task units")
    # An official's signed article ("新乡县委书记 祝显成" under the title) that
    # does not address an audience is an article, not a transcript.
    signed = [l.plain for l in lay.header if l.role == "speaker" or rx("speaker_line").match(norm(l.plain))]
    first_person = rx("speech_first_person").findall(body)
    if first_person:
        speech += min(4, 2 * len(first_person))
        evidence["speech"].append("first person: " + first_person[0])
    if title and rx("speech_title").search(title):
        speech += 3
        evidence["speech"].append("title " + title)
    if has_byline or lay.cue_texts("byline"):
        news += 3
        evidence["news"].append("byline")
    if has_lead_source:
        news += 3
        evidence["news"].append("news lead")
    signals = rx("news_signals").findall(body)
    if signals:
        news += min(4, len(signals))
        evidence["news"].append("reporting: " + signals[0])
    if has_source:
        news += 1
        evidence["news"].append("published source")
    if signed and speech == 0 and not (has_byline or has_lead_source or signals):
        official += 3
        evidence["genre"].append("signed by an official: " + signed[0])
    if official >= 3 and official > news and official >= speech:
        if evidence["other"]:
            return "other", "official document: " + "; ".join(evidence["other"] + evidence["genre"])
        return "other", "not a report: " + "; ".join(evidence["genre"])
    if speech >= 2 and speech > news:
        return "speech", "; ".join(evidence["speech"])
    if news >= 1:
        return "news", "; ".join(evidence["news"])
    if speech == 0 and official == 0 and rx("prose_sentence").search(body):
        return "news", "prose without a speech or document signal (a report, the genre's default)"
    return "other", "no speech or news signal"


def strip_lead(paragraph: str) -> str:
    """The lead paragraph without its news-lead, byline, salutation or
    continuation markers ("新乡网讯 (记者 李颖华)", "(上接一版)", "同志们:")."""
    p = paragraph.strip()
    patterns = (
        r"^[(（][上下]接[^)）]{1,6}[)）]",
        compose(r"^[\s□■●◆]*[\u4e00-\u9fff]{2,10}?{{dateline_suffixes}}讯\s*"),
        r"^本报讯\s*",
        compose(r"^[(（][^)）]{0,30}{{reporter_roles}}[^)）]{0,30}[)）]\s*"),
        r"^(?:新华社|中新社)[\u4e00-\u9fff]{0,6}\d{1,2}月\d{1,2}日电\s*",
        r"^(?:同志们|各位代表|各位领导|各位来宾|女士们、先生们)[:：,，!！]?\s*",
    )
    changed = True
    while changed:
        changed = False
        for pat in patterns:
            new = re.sub(pat, "", p)
            if new != p:
                p, changed = new.strip(), True
    return p
