"""Highwire ``citation_*`` meta tags (overrides/partials/citation-meta.html).

The partial prints the tags the generator put in a page's front matter
(``citation``); values are document text, so they are escaped whatever they
hold.  Checked on the partial alone with hostile values, and on every built
seed page against its own front matter.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest
import yaml

OVERRIDES = Path(__file__).resolve().parent.parent / "overrides"
HOSTILE = '"><script>alert(1)</script><meta name="x" content=\'&amp;'


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.other: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and str(attrs.get("name", "")).startswith("citation_"):
            self.meta.append((attrs["name"], attrs.get("content")))
        else:
            self.other.append(tag)


def _tags(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def _render(meta: dict | None) -> str:
    # MkDocs' theme environment does not autoescape: the partial must.
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(OVERRIDES)), autoescape=False)
    page = None if meta is None else type("Page", (), {"meta": meta})()
    return env.get_template("partials/citation-meta.html").render(page=page)


def test_hostile_values_stay_attribute_text():
    meta = {"citation": {"citation_title": [HOSTILE], "citation_author": ["王明", "李<b>华"]}}
    parsed = _tags(_render(meta))
    assert parsed.meta == [("citation_title", HOSTILE), ("citation_author", "王明"), ("citation_author", "李<b>华")]
    assert parsed.other == []  # no element but the meta tags themselves


@pytest.mark.parametrize("meta", [None, {}, {"title": "清单页"}, {"citation": "not a mapping"}])
def test_pages_without_citation_front_matter_print_nothing(meta):
    assert _render(meta).strip() == ""


def _front_matter(md: Path) -> dict:
    text = md.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1])


@pytest.mark.slow
def test_every_built_document_page_carries_its_front_matter_tags(seed_site):
    pages = [md for md in sorted((seed_site.docs / "archive").glob("*/*.md")) if md.name != "index.md"]
    assert len(pages) == 5
    for md in pages:
        fm = _front_matter(md)
        want = [(name, value) for name, values in fm["citation"].items() for value in values]
        html = (seed_site.site / "archive" / md.parent.name / md.stem / "index.html").read_text(encoding="utf-8")
        head = html.split("</head>", 1)[0]
        assert _tags(head).meta == want, md.name
        assert ("citation_title", fm["title"] + (f"：{fm['subtitle']}" if fm["subtitle"] else "")) in want
        assert ("citation_language", "zh") in want
