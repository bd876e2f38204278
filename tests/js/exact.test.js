// Exact mode (search-engine/exact.js) on a tiny index: the documents, ranks
// and order generator/search/query.py gives.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { F, newEngine } = require("./load.js");

test("exact mode: the documents with every part, ranked as in Python", async () => {
  const engine = newEngine();
  let found = 0;
  for (const c of F.exact) {
    const res = await engine.search(c.query, "exact");
    assert.deepEqual(res.parts, c.parts, c.query);
    assert.deepEqual(res.hits.map((h) => [h.ord].concat(h.rank)), c.hits, c.query);
    found += res.hits.length;
  }
  assert.ok(found > 50);
});

test("the intersection keeps only documents with every part", async () => {
  const engine = newEngine();
  await engine.init();
  const [a, b, both] = await Promise.all([engine.exactPart("集聚区"), engine.exactPart("招商"), engine.search("集聚区 招商", "exact")]);
  const want = [...a.keys()].filter((ord) => b.has(ord)).sort((x, y) => x - y);
  assert.deepEqual(both.hits.map((h) => h.ord).sort((x, y) => x - y), want);
  assert.ok(want.length < a.size && want.length < b.size);
});

test("a posting is decoded once", async () => {
  const engine = newEngine();
  await engine.init();
  const first = await engine.docPostings("产业");
  assert.equal(await engine.docPostings("产业"), first);
  assert.equal(await engine.positions("量子计"), null);
});
