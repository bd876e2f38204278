// Fuzzy mode (search-engine/fuzzy.js): words counted as Python counts them,
// the majority rule, and lunr.js ranking the same documents in the same
// order as generator/search/query.py with lunr.py.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { F, S, newEngine } = require("./load.js");

test("queryWordCount: indexed terms once, a run of unknown characters as one word", () => {
  for (const c of F.fuzzy.word_counts) {
    const known = new Set(c.known);
    assert.equal(S.queryWordCount(c.segs, (t) => known.has(t)), c.count, JSON.stringify(c.segs));
  }
});

test("wordCounts: per document, how many of the terms it has in any field", () => {
  const posting = (fields) => fields.map((ords) => [ords, ords.map(() => 1)]);
  const counts = S.wordCounts([posting([[0, 2], [2, 3]]), posting([[], [3]]), posting([[4], []])], 6);
  assert.deepEqual(Array.from(counts), [1, 0, 1, 2, 1, 0]);
});

test("rankFuzzy keeps the documents with at least `need` words", () => {
  const fields = ["title", "body"];
  const enc = (lists) => {
    // the layout of generator/search/shards.py encode_words, small numbers only
    const vals = [];
    lists.forEach((docs) => { vals.push(docs.length); let last = 0; docs.forEach(([o, s]) => { vals.push(o - last, s); last = o; }); });
    return btoa(String.fromCharCode(...vals));
  };
  const texts = [["a", enc([[[0, 5]], [[1, 2]]])], ["b", enc([[], [[1, 3], [2, 4]]])], ["c", enc([[], [[2, 1], [3, 1]]])]];
  const ords = (need) => S.rankFuzzy(globalThis.lunr, texts, fields, 5, need, null).map((h) => h.ord).sort();
  assert.deepEqual(ords(1), [0, 1, 2, 3]);
  assert.deepEqual(ords(2), [1, 2]);
  assert.deepEqual(ords(3), []);
  const hits = S.rankFuzzy(globalThis.lunr, texts, fields, 5, 2, null);
  assert.deepEqual(hits.map((h) => h.rank[0]).sort(), [2, 2]);
});

test("fuzzy mode: the terms, and the documents and order of Python's reader", async () => {
  const engine = newEngine();
  let partial = 0;
  for (const c of F.fuzzy.queries) {
    const res = await engine.search(c.query, "fuzzy");
    assert.deepEqual(res.terms, c.terms, c.query);
    assert.deepEqual(res.hits.map((h) => [h.ord, h.rank[0]]), c.hits.map((h) => [h[0], h[1]]), c.query);
    res.hits.forEach((h, i) => assert.ok(Math.abs(h.rank[1] - c.hits[i][2]) < 1e-9, c.query));
    partial += c.hits.filter((h) => h[1] < c.indexed.length).length;
    assert.ok(res.hits.every((h) => h.rank[0] >= c.need), c.query);
  }
  assert.ok(partial > 0, "some documents are listed with most, not all, of the words");
});

test("likelyFirst: the first page's documents by words, then summed scores", () => {
  const postings = [[[[0, 1, 2], [1, 1, 5]]], [[[1, 2], [1, 1]]]];
  const counts = S.wordCounts(postings, 4);
  assert.deepEqual(S.likelyFirst(postings, counts, () => true, 2), [2, 1]); // 2: the larger sum
  assert.deepEqual(S.likelyFirst(postings, counts, (ord) => ord !== 1, 2), [2, 0]);
});
