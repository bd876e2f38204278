"""The front-matter fields of a document page, declared once.

Every stage that names a field derives it from :data:`FIELDS`: the key order
of the front matter (:func:`generator.models.metadata_to_dict`), the data
export's columns and its documentation page (:mod:`generator.export`), the
labels of the metadata panel and listings; tests tie the dataclass
(:class:`generator.models.Metadata`), the JSON Schema
(``curate/metadata.schema.json``) and the sidecar keys to it.  Reader-facing
labels of enumerated values (document types, provenance methods) live here too, for the pages and the search UI alike.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str  # the front-matter key
    label: str  # shown to readers
    kind: str  # 文本 | 日期 | 枚举 | 列表 | 整数 | 布尔 | 网址 | JSON, as the data page documents it
    description: str  # for the data page (data/index.md)
    curated: bool = True  # an archivist may set it in a sidecar (False: computed from the seed)


#: In front-matter order.
FIELDS: tuple[Field, ...] = (
    Field("id", "标识", "文本", "文献标识，由原始文件名生成，稳定不变；也是页面网址的一部分", curated=False),
    Field("title", "标题", "文本", "标题"),
    Field("subtitle", "副标题", "文本", "副标题（引题或副题），可为空"),
    Field("date", "日期", "日期", "日期，按精度写作 YYYY-MM-DD、YYYY-MM 或 YYYY；日期不详时为空"),
    Field("date_precision", "日期精度", "枚举", "日期精度：day（日）、month（月）、year（年）"),
    Field("city", "城市", "文本", "所属地级市的正式名称，如“安阳市”；不详时为空"),
    Field("county", "县区", "文本", "县（市、区），可为空"),
    Field("places_mentioned", "提及地点", "列表", "文中提到的地点"),
    Field("source", "来源", "文本", "来源（报纸、网站或出版物）"),
    Field("source_page", "版次", "文本", "版次或栏目，如“第01版”"),
    Field("reporters", "记者", "列表", "记者、通讯员或作者"),
    Field("doc_type", "类型", "枚举", "文献类型：news（新闻报道）、speech（讲话）、other（其他）"),
    Field("people", "人物", "列表", "文中出现的人物姓名；JSON 文件中为 {name, title} 对象的数组"),
    Field("keywords", "关键词", "列表", "关键词"),
    Field("summary", "摘要", "文本", "摘要，可为空"),
    Field("chars", "字数", "整数", "整理后正文的字数", curated=False),
    Field("incomplete", "原文不完整", "布尔", "原文是否不完整：true 表示原文在句中断开或带有网站的截断提示"
          "（如“点击阅读全文”“未完，全文共…字”），收录的只是原文的一部分；可在 sidecar 中校订"),
    Field("repost_group", "同文异源", "文本", "同一篇文字由多家来源刊载时，同组文献共有的组标识（组内日期最早一篇的标识）；"
          "不属于任何组时为空", curated=False),
    Field("raw_file", "原始文件", "文本", "原始文件名", curated=False),
    Field("raw_sha256", "校验值", "文本", "原始文件的 SHA-256 校验值", curated=False),
    Field("encoding", "编码", "文本", "原始文件的字符编码", curated=False),
    Field("rights", "版权", "文本", "版权说明"),
    Field("provenance", "依据", "JSON", "各字段的依据：{字段: {method, evidence}}，method 为 explicit（原文明示）、"
          "pattern（规则识别）、inferred（推断）或 curated（人工校订）", curated=False),
)

FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS)
BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}


def label(name: str) -> str:
    return BY_NAME[name].label


# Labels of enumerated values, shown on pages, in feeds and in the search UI.
DOC_TYPE_LABELS = {"news": "新闻报道", "speech": "讲话", "other": "其他"}
METHOD_LABELS = {"explicit": "原文明示", "pattern": "规则识别", "inferred": "推断", "curated": "人工校订"}

# What `python -m generator check` ranks by: the fields a reader browses and
# cites by, and how weak the evidence for each is (a missing value is the
# weakest; a curated or stated one needs nothing).  The document with the
# largest sum comes first: its sidecar is the most worth writing.
KEY_FIELDS = ("title", "date", "city", "source", "doc_type")
EVIDENCE_WEAKNESS = {"missing": 3, "inferred": 2, "pattern": 1, "explicit": 0, "curated": 0}
