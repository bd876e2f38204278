"""Deterministic synthetic corpora for the search benchmark and tests.

Text is recombined from the seeds: sentences of the seeds with a share of
their words swapped for words drawn from the seeds' own Zipf-like word
distribution, plus sentences made only of sampled words, figures such as
``144.3亿元``, personal names and Henan city names.  A few documents are
converted to traditional characters.  Document lengths are log-normal
(median about 1,000 characters), so no term is in every document.
"""

from __future__ import annotations

import hashlib
import itertools
import random
import re
from functools import lru_cache
from pathlib import Path

from generator.models import Block, CleanedDocument, Document, Metadata, Person, RawDocument

ROOT = Path(__file__).resolve().parent.parent
CITIES = ["郑州", "开封", "洛阳", "平顶山", "安阳", "鹤壁", "新乡", "焦作", "濮阳", "许昌", "漯河",
          "三门峡", "南阳", "商丘", "信阳", "周口", "驻马店", "济源"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘"
SENT_END = re.compile(r"(?<=[。！？；])")


@lru_cache(maxsize=1)
def _material():
    import jieba

    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    sentences: list[str] = []
    for text in texts:
        for line in text.split("\n"):
            line = line.strip()
            if len(line) < 8:
                continue
            for s in SENT_END.split(line):
                s = s.strip()
                if 6 <= len(s) <= 120:
                    sentences.append(s)
    freq: dict[str, int] = {}
    seg = [list(jieba.cut(s)) for s in sentences]
    for words in seg:
        for w in words:
            if re.fullmatch(r"[\u4e00-\u9fff]{1,6}", w):
                freq[w] = freq.get(w, 0) + 1
    vocab = sorted(freq, key=lambda w: (-freq[w], w))
    return sentences, seg, vocab


class Corpus:
    def __init__(self, seed: int = 20240601):
        import opencc

        self.rng = random.Random(seed)
        self.sentences, self.segmented, self.vocab = _material()
        # Zipf weights over the seed vocabulary (rank^-1.1)
        self.cum_weights = list(itertools.accumulate(1.0 / (r + 1) ** 1.1 for r in range(len(self.vocab))))
        self.s2t = opencc.OpenCC("s2t")

    def word(self) -> str:
        return self.rng.choices(self.vocab, cum_weights=self.cum_weights)[0]

    def name(self) -> str:
        r = self.rng
        return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2, 2))))

    def figure(self) -> str:
        r = self.rng
        value = r.choice([f"{r.randint(1, 999)}.{r.randint(0, 9)}", str(r.randint(2, 5000))])
        return value + r.choice(["亿元", "万元", "万平方米", "个", "%", "万吨"])

    def sentence(self) -> str:
        r = self.rng
        roll = r.random()
        if roll < 0.55:
            words = list(r.choice(self.segmented))
            for i in range(len(words)):
                if r.random() < 0.3 and re.fullmatch(r"[\u4e00-\u9fff]+", words[i]):
                    words[i] = self.word()
            s = "".join(words)
        else:
            n = r.randint(6, 22)
            parts = [self.word() for _ in range(n)]
            if r.random() < 0.35:
                parts.insert(r.randint(0, n), self.figure())
            if r.random() < 0.25:
                parts.insert(r.randint(0, n), r.choice(CITIES) + r.choice(["市", ""]))
            if r.random() < 0.2:
                parts.insert(r.randint(0, n), self.name())
            s = "".join(parts) + r.choice("。。。，；！")
        return s

    def document(self, i: int) -> Document:
        r = self.rng
        length = int(min(6000, max(200, r.lognormvariate(6.9, 0.6))))  # median ~1000
        city = r.choice(CITIES + [None])
        year = r.randint(2013, 2020)
        date = f"{year}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}" if r.random() < 0.9 else None
        people = [self.name() for _ in range(r.randint(0, 4))]
        title = (city or "") + "".join(self.word() for _ in range(r.randint(3, 8)))
        paragraphs: list[str] = []
        total = 0
        while total < length:
            para = "".join(self.sentence() for _ in range(r.randint(2, 6)))
            if people and r.random() < 0.3:
                para = r.choice(people) + "指出，" + para
            paragraphs.append(para)
            total += len(para)
        if r.random() < 0.02:  # a few documents in traditional characters
            title = self.s2t.convert(title)
            paragraphs = [self.s2t.convert(p) for p in paragraphs]
        doc_id = f"syn{i:06d}"
        text = title + "\n" + "\n".join(paragraphs)
        sha = hashlib.sha256(text.encode()).hexdigest()
        raw = RawDocument(doc_id=doc_id, file_name=doc_id + ".txt", text=text, encoding="utf-8", sha256=sha, size=len(text.encode()))
        cleaned = CleanedDocument(raw=raw, blocks=tuple(Block("paragraph", p) for p in paragraphs))
        meta = Metadata(
            id=doc_id, title=title, raw_file=raw.file_name, raw_sha256=sha, encoding="utf-8",
            chars=sum(map(len, paragraphs)), date=date, date_precision="day" if date else None,
            city=(city + "市") if city else None, doc_type=r.choice(["news", "news", "speech", "other"]),
            people=tuple(Person(n) for n in people),
        )
        return Document(cleaned=cleaned, meta=meta)


def synthetic_documents(n: int, seed: int = 20240601) -> list[Document]:
    """The first ``n`` documents of the deterministic synthetic corpus (a
    smaller corpus is a prefix of a larger one)."""
    corpus = Corpus(seed)
    return [corpus.document(i) for i in range(n)]


# ---------------------------------------------------------------------------
# Raw seed files for the build benchmark: the genre's variety as it arrives
# (site chrome, headers, datelines, bylines, footers; news and speeches;
# a few GB18030-encoded, a few traditional, a few with CRLF line ends).

SOURCES = [  # (publication, site chrome lines before the text, after it)
    ("河南日报", ["河南日报网 | 首页 | 要闻 | 评论 | 数字报"], ["版权所有：河南日报报业集团", "豫ICP备05004588号"]),
    ("大河报", ["大河网 > 新闻 > 河南新闻", "打印本页 关闭窗口"], ["责任编辑：{editor}", "大河网版权所有"]),
    ("郑州日报", ["郑州日报数字报 第{page}版"], ["郑州报业集团主办"]),
    ("洛阳日报", ["洛阳网 首页 新闻 数字报"], ["【关闭】【打印】", "洛阳日报社版权所有"]),
    ("人民网", ["人民网>>地方>>河南频道"], ["(责编：{editor})", "分享到："]),
    ("新华网", ["新华网河南频道 > 正文"], ["【纠错】 责任编辑：{editor}"]),
    (None, ["{city}市人民政府门户网站", "首页 > 政务公开 > 工作动态", "字号：大 中 小"],
     ["主办单位：{city}市人民政府办公室", "网站标识码4100000001"]),
    (None, ["老秘网 - 讲话稿"], ["本文来源于网络，仅供学习参考"]),
]
OCCASIONS = ["全市产业集聚区建设工作会议", "招商引资工作推进会", "重点项目集中开工仪式", "产业集聚区观摩点评会",
             "全市经济工作会议", "承接产业转移对接会"]


class SeedCorpus(Corpus):
    """Seed files (bytes) with their names; document ``i`` does not depend on
    how many documents are made."""

    def seed(self, i: int, variant: int = 0) -> tuple[str, bytes]:
        self.rng = random.Random(f"{self.base_seed}:{i}:{variant}")
        r = self.rng
        city = r.choice(CITIES)
        year = r.randint(2009, 2020)
        month, day = r.randint(1, 12), r.randint(1, 28)
        source, chrome_top, chrome_bottom = r.choice(SOURCES)
        editor = self.name()
        fill = {"city": city, "page": r.randint(1, 16), "editor": editor}
        speech = source is None and r.random() < 0.6
        lines: list[str] = [c.format(**fill) for c in chrome_top]
        if speech:
            speaker = self.name()
            occasion = r.choice(OCCASIONS)
            lines += [f"在{city}市{occasion}上的讲话", f"{city}市委书记 {speaker}", f"（{year}年{month}月{day}日）", "同志们："]
        else:
            title = city + "".join(self.word() for _ in range(r.randint(3, 7)))
            lines.append(title)
            if r.random() < 0.4:
                lines.append("——" + "".join(self.word() for _ in range(r.randint(3, 6))))
            stamp = r.choice([f"{year}年{month}月{day}日", f"{year}-{month:02d}-{day:02d} {r.randint(7, 22):02d}:{r.randint(0, 59):02d}"])
            lines.append(f"{stamp}  来源：{source or city + '市人民政府'}")
            if r.random() < 0.5:
                lines.append(f"记者 {self.name()} 通讯员 {self.name()}")
        length = int(min(6000, max(200, r.lognormvariate(6.9, 0.6))))
        total = 0
        first = True
        while total < length:
            para = "".join(self.sentence() for _ in range(r.randint(2, 6)))
            if first and not speech and source:
                para = f"本报讯 {month}月{day}日，" + para
            first = False
            if r.random() < 0.1:
                para = r.choice(["一、", "二、", "三、", "（一）", "（二）"]) + "".join(self.word() for _ in range(3)) + "\n" + para
            lines.append(("　　" if r.random() < 0.5 else "") + para)
            total += len(para)
        lines += [c.format(**fill) for c in chrome_bottom]
        text = "\n".join(lines) + "\n"
        roll = r.random()
        if roll < 0.02:  # traditional characters
            text = self.s2t.convert(text)
        newline = "\r\n" if r.random() < 0.1 else "\n"
        text = text.replace("\n", newline)
        encoding = "gb18030" if roll > 0.95 else "utf-8"
        digest = hashlib.sha256(f"{i}".encode()).hexdigest()[:16]
        return f"syn{i:06d}_{digest}.txt", text.encode(encoding, errors="replace")

    def __init__(self, seed: int = 20240601):
        super().__init__(seed)
        self.base_seed = seed


def write_seeds(directory: Path, n: int, seed: int = 20240601) -> list[Path]:
    """Write the first ``n`` synthetic seed files into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    corpus = SeedCorpus(seed)
    paths = []
    for i in range(n):
        name, data = corpus.seed(i)
        path = directory / name
        path.write_bytes(data)
        paths.append(path)
    return paths
