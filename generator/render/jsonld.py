"""schema.org JSON-LD and Open Graph tags for a document page's ``<head>``.

Built from the page's front matter (the raw, unescaped values) by the MkDocs
plugin's ``on_page_context`` hook and inserted by ``overrides/main.html``.

Types: a news report is a ``NewsArticle``.  schema.org has no type for the
text of a speech (``Event`` would describe the meeting, not the text;
``Article``'s subtypes all describe journalism or scholarship), so a speech is
the generic ``CreativeWork`` with ``genre`` 讲话稿 and the speaker, where
known, as ``author``; anything else is a plain ``Article``.  Every document
is ``isPartOf`` the archive and ``archivedAt`` its page.

Safety: the JSON is produced by ``json.dumps`` and every ``<``, ``>`` and
``&`` is written as a ``\\u00XX`` escape, so no value can close the
``<script>`` element; attribute values are ``html.escape``d.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from ..reference.gazetteer import city_info

SPEECH_GENRE = "讲话稿"


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/ld+json">``."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def document_jsonld(meta: dict, url: str | None, site_name: str, site_url: str = "") -> dict:
    doc_type = _str(meta.get("doc_type")) or "other"
    kind = {"news": "NewsArticle", "speech": "CreativeWork"}.get(doc_type, "Article")
    title = _str(meta.get("title"))
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": kind, "name": title}
    if kind != "CreativeWork":
        data["headline"] = title[:110]
    else:
        data["genre"] = SPEECH_GENRE
    if _str(meta.get("subtitle")):
        data["alternativeHeadline"] = meta["subtitle"]
    if _str(meta.get("date")):
        data["datePublished"] = meta["date"]
    if _str(meta.get("summary")):
        data["description"] = meta["summary"]
    data["inLanguage"] = "zh-CN"
    reporters = [r for r in _list(meta.get("reporters")) if isinstance(r, str) and r]
    people = [p for p in _list(meta.get("people")) if isinstance(p, dict) and _str(p.get("name"))]
    if reporters:
        data["author"] = [{"@type": "Person", "name": r} for r in reporters]
    elif doc_type == "speech" and len(people) == 1:
        data["author"] = [{"@type": "Person", "name": people[0]["name"], **({"jobTitle": people[0]["title"]} if _str(people[0].get("title")) else {})}]
    if people:
        data["mentions"] = [
            {"@type": "Person", "name": p["name"], **({"jobTitle": p["title"]} if _str(p.get("title")) else {})} for p in people
        ]
    if _str(meta.get("source")):
        data["publisher"] = {"@type": "Organization", "name": meta["source"]}
    city = _str(meta.get("city"))
    if city:
        info = city_info(city)
        place: dict[str, Any] = {"@type": "City", "name": city, "containedInPlace": {"@type": "AdministrativeArea", "name": "河南省"}}
        if info.lat is not None:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": info.lat, "longitude": info.lon}
        data["contentLocation"] = place
    keywords = [k for k in _list(meta.get("keywords")) if isinstance(k, str) and k]
    if keywords:
        data["keywords"] = ", ".join(keywords)
    if _str(meta.get("rights")):
        data["copyrightNotice"] = meta["rights"]
    if isinstance(meta.get("chars"), int):
        data["wordCount"] = meta["chars"]
    if url:
        data["url"] = url
        data["archivedAt"] = url
        data["mainEntityOfPage"] = url
    data["isPartOf"] = {"@type": "WebSite", "name": site_name, **({"url": site_url} if site_url else {})}
    return data


def head_tags(meta: dict, url: str | None, site_name: str, site_url: str = "") -> str:
    """JSON-LD plus Open Graph ``<meta>`` tags for one document page."""
    title = _str(meta.get("title"))
    description = _str(meta.get("summary")) or _str(meta.get("subtitle"))
    og: list[tuple[str, str]] = [
        ("og:type", "article"), ("og:title", title), ("og:site_name", site_name), ("og:locale", "zh_CN"),
    ]
    if description:
        og.append(("og:description", description[:200]))
    if url:
        og.append(("og:url", url))
    if _str(meta.get("date")):
        og.append(("article:published_time", meta["date"]))
    if _str(meta.get("city")):
        og.append(("article:section", meta["city"]))
    for keyword in _list(meta.get("keywords"))[:10]:
        if isinstance(keyword, str) and keyword:
            og.append(("article:tag", keyword))
    lines = [f'<meta property="{escape(p)}" content="{escape(v)}">' for p, v in og]
    lines.append('<script type="application/ld+json">' + script_json(document_jsonld(meta, url, site_name, site_url)) + "</script>")
    return "\n".join(lines)
