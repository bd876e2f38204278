"""Data export: everything a researcher needs outside the website.

* ``data/metadata.csv``  — one row per document, every front-matter field;
* ``data/metadata.json`` — the same records as a JSON array (exact types);
* ``data/corpus.jsonl``  — one JSON object per line: metadata plus the
  cleaned text;
* ``data/index.md``      — the page documenting all of the above, column by
  column (generated from :data:`COLUMNS`, so it cannot drift);
* ``raw/<id>.txt``       — the untouched bytes of every seed;
* ``cite/<id>.json``, ``cite/<id>.ris`` — each document's citation record as
  CSL-JSON and RIS (:data:`generator.render.cite.RECORD_FORMATS`), what a
  reference manager imports; linked from the page's 引用 section;
* ``feed.xml``           — the Atom feed (see :mod:`generator.listings.feeds`).

CSV conventions: UTF-8 with a byte-order mark (so Excel opens Chinese text
correctly), RFC 4180 quoting, ``\\n`` line ends.  A list is joined with
:data:`LIST_SEP` (`` | ``); a ``|`` inside an item becomes a full-width ``｜``.
``people`` holds the names and ``people_titles`` the titles in the same order
(an empty item where a title is unknown).  ``provenance`` is a JSON object.
A cell that begins with ``= + - @`` gets a leading ``'`` so that spreadsheet
programs do not run it as a formula; the JSON files are never altered.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Sequence

from .config import Settings
from .listings.feeds import FEED_PATH, atom_feed
from .fields import FIELDS
from .models import Document, OutputFile, metadata_to_dict
from .paths import absolute, raw_path, record_path
from .render.cite import RECORD_FORMATS
from .render.page import front_matter, inline

LIST_SEP = " | "
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# CSV-only column: the titles of ``people``, one for each name.
PEOPLE_TITLES = ("列表", "仅 CSV：与 people 一一对应的职务，未知为空项")
LINK_COLUMNS = {
    "url": ("网址", "文献页面地址（配置了 site_url 时为绝对地址，否则为站内相对路径）"),
    "raw_url": ("网址", "原始文本的下载地址"),
}


def _columns() -> dict[str, tuple[str, str]]:
    """column -> (type, description): the front-matter fields in their order
    (generator/fields.py), people_titles beside people, then the links."""
    columns: dict[str, tuple[str, str]] = {}
    for f in FIELDS:
        columns[f.name] = (f.kind, f.description)
        if f.name == "people":
            columns["people_titles"] = PEOPLE_TITLES
    return columns | LINK_COLUMNS


COLUMNS = _columns()


def record(doc: Document, settings: Settings) -> dict[str, Any]:
    data = metadata_to_dict(doc.meta)
    data["url"] = absolute(settings.site_url, doc.url_dir)
    data["raw_url"] = absolute(settings.site_url, raw_path(doc.meta))
    return data


def _item(value: Any) -> str:
    return str(value).replace("|", "｜").replace("\r", " ").replace("\n", " ")


def _cell(value: Any) -> str:
    if value is None:
        text = ""
    elif isinstance(value, bool):  # as in the JSON export, not Python's True/False
        text = "true" if value else "false"
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    elif isinstance(value, (list, tuple)):
        if any(isinstance(v, (dict, list)) for v in value):
            text = json.dumps(value, ensure_ascii=False)
        else:
            text = LIST_SEP.join(_item(v) for v in value)
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_columns(records: Sequence[dict]) -> list[str]:
    keys = list(records[0]) if records else [k for k in COLUMNS if k != "people_titles"]
    cols: list[str] = []
    for key in keys:
        cols.append(key)
        if key == "people":
            cols.append("people_titles")
    return cols


def metadata_csv(documents: Sequence[Document], settings: Settings) -> bytes:
    records = [record(d, settings) for d in documents]
    cols = csv_columns(records)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(cols)
    for rec in records:
        row = []
        for col in cols:
            if col == "people":
                row.append(_cell([p["name"] for p in rec["people"]]))
            elif col == "people_titles":
                row.append(_cell([p.get("title") or "" for p in rec["people"]]))
            else:
                row.append(_cell(rec.get(col)))
        writer.writerow(row)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def metadata_json(documents: Sequence[Document], settings: Settings) -> bytes:
    records = [record(d, settings) for d in documents]
    return (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def corpus_jsonl(documents: Sequence[Document], settings: Settings | None = None) -> bytes:
    settings = settings or Settings()
    lines = []
    for doc in documents:
        rec = record(doc, settings)
        rec["text"] = doc.cleaned.body_text
        lines.append(json.dumps(rec, ensure_ascii=False, sort_keys=False))
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def data_page(documents: Sequence[Document], settings: Settings) -> bytes:
    records = [record(d, settings) for d in documents[:1]]
    cols = csv_columns(records)
    lines = [
        front_matter({"title": "数据下载"}), "# 数据下载", "",
        f"本档案的全部元数据与整理后的全文可直接下载，共 {len(documents)} 篇，每篇一条记录。"
        "文件随网站一同生成，与网页内容一致。", "",
        "| 文件 | 格式 | 内容 |", "|---|---|---|",
        "| [metadata.csv](metadata.csv){ download='metadata.csv' } | CSV，UTF-8（带 BOM） | 元数据，每篇一行 |",
        "| [metadata.json](metadata.json){ download='metadata.json' } | JSON 数组 | 元数据，类型精确（列表、对象保持原样） |",
        "| [corpus.jsonl](corpus.jsonl){ download='corpus.jsonl' } | JSON Lines | 元数据加整理后的正文（字段 `text`，段落以换行分隔） |",
        f"| [feed.xml](../{FEED_PATH}) | Atom | 最新 50 篇文献 |",
        "", "每篇文献的原始文本（未经任何改动的原始字节）可在文献页面“引用”一节下载，路径为 `raw/<id>.txt`；"
        "同一节还提供该篇的引用记录，可导入 Zotero 等文献管理软件："
        + "、".join(f"{fmt.label}（`cite/<id>.{fmt.ext}`）" for fmt in RECORD_FORMATS) + "。", "",
        "## CSV 约定", "",
        f"- 列表字段（下表类型为“列表”）的各项以 `{LIST_SEP.strip()}`（前后各一个空格）连接；项内的 `|` 写作全角 `｜`。",
        "- `people` 为人物姓名，`people_titles` 为对应职务，两列按相同顺序排列。",
        "- `provenance` 为 JSON 对象。",
        "- 以 `=`、`+`、`-`、`@` 开头的单元格前加一个 `'`，以免电子表格软件将其当作公式执行；JSON 文件不作此处理。",
        "- 空值为空字符串。", "",
        "## 字段说明", "",
        "| 字段 | 类型 | 说明 |", "|---|---|---|",
    ]
    for col in cols:
        kind, text = COLUMNS.get(col, ("", "（未说明）"))
        lines.append(f"| `{col}` | {inline(kind)} | {inline(text)} |")
    lines += ["", "`corpus.jsonl` 另有字段 `text`：整理后的正文。", ""]
    return "\n".join(lines).encode("utf-8")


def raw_copies(documents: Sequence[Document], settings: Settings) -> list[OutputFile]:
    files = []
    for doc in documents:
        source = settings.seeds_dir / doc.meta.raw_file
        if source.is_file():
            files.append(OutputFile(raw_path(doc.meta), source.read_bytes()))
    return files


def citation_records(documents: Sequence[Document], settings: Settings) -> list[OutputFile]:
    return [OutputFile(record_path(doc.meta, fmt.ext), fmt.render(doc, settings.site_url).encode("utf-8"))
            for doc in documents for fmt in RECORD_FORMATS]


def build_exports(documents: Sequence[Document], settings: Settings) -> list[OutputFile]:
    return [
        OutputFile("data/metadata.csv", metadata_csv(documents, settings)),
        OutputFile("data/metadata.json", metadata_json(documents, settings)),
        OutputFile("data/corpus.jsonl", corpus_jsonl(documents, settings)),
        OutputFile("data/index.md", data_page(documents, settings)),
        OutputFile(FEED_PATH, atom_feed(documents, settings)),
        *raw_copies(documents, settings),
        *citation_records(documents, settings),
    ]
