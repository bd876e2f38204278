"""Keywords today (jieba.posseg TF-IDF with allowPOS) against no-POS TF-IDF
variants on the labelled real corpus (tests/corpus/docs); issue 13, item 5.
Run: ARCHIVE_WORKERS=1 .venv/bin/python benchmarks/compare_keywords.py"""
import sys, time, re, logging
from collections import Counter
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import jieba, jieba.analyse, jieba.posseg
from generator import pipeline
from generator.config import Settings
from generator.extract import keywords as kwmod, nlp
from generator.extract.layout import layout

res = pipeline.process(Settings(seeds_dir=Path(__file__).resolve().parent.parent / "tests" / "corpus" / "docs", docs_dir=Path("/nonexistent-docs")))
docs = res.documents
nlp.init()
tfidf = jieba.analyse.default_tfidf
idf, median = tfidf.idf_freq, tfidf.median_idf

variant_pos = nlp.tfidf_tags
def variant_nopos_hmm(text, k):
    return jieba.analyse.extract_tags(text, topK=k)
def variant_dict(text, k):
    freq = Counter(w for w in jieba.lcut(text, HMM=False) if len(w.strip()) >= 2 and w.lower() not in tfidf.stop_words)
    total = sum(freq.values()) or 1
    scored = sorted(((v / total) * idf.get(w, median), w) for w, v in freq.items())
    scored.sort(key=lambda t: (-t[0], t[1]))
    return [w for _s, w in scored[:k]]

ALLOW = {"n", "nz", "ns", "nt", "vn", "l", "nr", "j", "i"}
def variant_dict_tag(text, k):
    tags = jieba.posseg.dt.word_tag_tab
    freq = Counter(w for w in jieba.lcut(text, HMM=False)
                   if len(w.strip()) >= 2 and w.lower() not in tfidf.stop_words and tags.get(w) in ALLOW)
    total = sum(freq.values()) or 1
    scored = sorted(((v / total) * idf.get(w, median), w) for w, v in freq.items())
    scored.sort(key=lambda t: (-t[0], t[1]))
    return [w for _s, w in scored[:k]]

def inputs(d):
    lay = layout(d.cleaned)
    body = "\n".join(lay.body)
    ex = frozenset(x for p in d.meta.people for x in (p.name, p.title) if x)
    return body or lay.full_text, ex

NOUNISH = {"n", "nz", "ns", "nt", "vn", "l", "nr", "j", "i", "nrt", "nrfg", "ng", "an"}
dict_words = jieba.dt.FREQ
def aligned(word, text, seg_bounds):
    # share of the word's occurrences that start and end on dictionary-only segmentation boundaries
    occ = [m.start() for m in re.finditer(re.escape(word), text)]
    if not occ: return 0.0
    ok = sum(1 for s in occ if s in seg_bounds and s + len(word) in seg_bounds)
    return ok / len(occ)

results = {}
for name, fn in (("today: posseg + allowPOS", variant_pos), ("no POS, jieba.cut (HMM)", variant_nopos_hmm), ("no POS, dictionary tokens (HMM=False)", variant_dict), ("no Viterbi: dictionary tokens + their dictionary tag", variant_dict_tag)):
    orig = nlp.tfidf_tags
    nlp.tfidf_tags = fn
    t0 = time.perf_counter()
    lists = []
    for d in docs:
        text, ex = inputs(d)
        lists.append(kwmod.keywords(text, exclude=ex))
    secs = time.perf_counter() - t0
    nlp.tfidf_tags = orig
    results[name] = (lists, secs)

texts = [inputs(d)[0] for d in docs]
bounds = []
for t in texts:
    b, pos = {0}, 0
    for w in jieba.lcut(t, HMM=False):
        pos += len(w); b.add(pos)
    bounds.append(b)
base = results["today: posseg + allowPOS"][0]
print(f"{len(docs)} documents of tests/corpus/docs; top-{kwmod.TOP_K} keywords each")
for name, (lists, secs) in results.items():
    kws = [(w, i) for i, l in enumerate(lists) for w in l]
    n = len(kws)
    not_word = sum(1 for w, _ in kws if dict_words.get(w, 0) <= 0)
    misal = sum(1 for w, i in kws if aligned(w, texts[i], bounds[i]) < 0.5)
    nounish = sum(1 for w, _ in kws if (lambda t: len(t) == 1 and t[0][1] in NOUNISH)(nlp.pos_tags(w)))
    intitle = sum(1 for w, i in kws if w in docs[i].meta.title)
    overlap = sum(len(set(a) & set(b)) / max(1, len(set(a) | set(b))) for a, b in zip(lists, base)) / len(lists)
    print(f"\n{name}: {n} keywords, {secs:.1f} s")
    print(f"  not a dictionary word (HMM-invented): {not_word} ({100*not_word/n:.1f}%)")
    print(f"  fragment (mostly off dictionary word boundaries): {misal} ({100*misal/n:.1f}%)")
    print(f"  noun-like when tagged alone: {nounish} ({100*nounish/n:.1f}%)")
    print(f"  in the document's title: {intitle} ({100*intitle/n:.1f}%)")
    print(f"  Jaccard overlap with today's lists: {overlap:.2f}")
    bad = Counter(w for w, i in kws if dict_words.get(w, 0) <= 0 or aligned(w, texts[i], bounds[i]) < 0.5)
    print("  most frequent fragments/non-words:", " ".join(f"{w}×{c}" for w, c in bad.most_common(12)))
    print("  examples:", " | ".join("、".join(l) for l in lists[:3]))
