// Issue 15's engine pieces: query parts split on punctuation (engine.js),
// pinyin of the named fields (pinyin.js), named fields in exact mode, pinyin
// parts in fuzzy mode (fuzzy.js) and date order (sort.js) - as
// generator/search (query.py, fields.py, build.py) gives them.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { F, S, newEngine, requests } = require("./load.js");

const X = F.issue15;

test("query parts: whitespace and punctuation separate, numbers stay whole", async () => {
  const engine = newEngine();
  await engine.init();
  for (const [query, parts] of X.parts) assert.deepEqual(engine.parts(await engine.fold(query)), parts, query);
  assert.deepEqual(engine.parts('"产业" "产业"'), ["产业"]);
  assert.deepEqual(S.queryParts("“产业”"), ["", "产业", ""]);
});

test("a quoted query finds what the bare one does", async () => {
  const engine = newEngine();
  const quoted = await engine.search('"产业"', "exact");
  const bare = await engine.search("产业", "exact");
  assert.deepEqual(quoted.parts, ["产业"]);
  assert.deepEqual(quoted.hits, bare.hits);
  assert.ok(bare.hits.length > 3);
});

test("pinyinMatch: full syllables or initials, from the start, two letters or more", () => {
  assert.ok(S.pinyinMatch("zhengzhou", "zheng zhou shi"));
  assert.ok(S.pinyinMatch("zz", "zheng zhou shi"));
  assert.ok(S.pinyinMatch("zhengz", "zheng zhou shi"));
  assert.ok(!S.pinyinMatch("z", "zheng zhou shi"));
  assert.ok(!S.pinyinMatch("zhou", "zheng zhou shi"));
  assert.ok(!S.pinyinMatch("产业", "chan ye"));
});

test("pinyin lookups name the values and documents Python names", async () => {
  const engine = newEngine();
  await engine.init();
  for (const [part, want] of Object.entries(X.names)) {
    const got = (await engine.pinyin(part)).map((n) => [n.field, n.value, [...n.ords].sort((a, b) => a - b)]);
    got.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    assert.deepEqual(got, want, part);
  }
  assert.ok(X.names.zz.length > 0 && X.names["产业"].length === 0);
});

test("a Chinese query fetches no pinyin file", async () => {
  const engine = newEngine();
  requests.length = 0;
  await engine.search("郑州晚报 产业", "exact");
  await engine.search("产业", "fuzzy");
  assert.ok(!requests.some((r) => r.startsWith("y/")), requests.join(" "));
  requests.length = 0;
  await engine.search("zz", "exact");
  assert.deepEqual(requests.filter((r) => r.startsWith("y/")), ["y/z.json"]);
});

test("exact mode: named fields and pinyin, as in Python", async () => {
  const engine = newEngine();
  const cases = F.exact.filter((c) => ["郑州晚报", "zhengzhou", "ZZ", "zz dw", "dw"].includes(c.query));
  assert.equal(cases.length, 5);
  for (const c of cases) {
    const res = await engine.search(c.query, "exact");
    assert.deepEqual(res.hits.map((h) => [h.ord].concat(h.rank)), c.hits, c.query);
    assert.ok(c.hits.length > 0, c.query);
  }
  const res = await engine.search("zzwb", "exact");
  assert.deepEqual(res.names.map((n) => [n.part, n.field, n.value]), [["zzwb", "source", "郑州晚报"]]);
});

test("fuzzy mode: pinyin parts select documents, the rest rank as words", async () => {
  const engine = newEngine();
  let found = 0;
  for (const c of X.fuzzy) {
    const res = await engine.search(c.query, "fuzzy");
    assert.deepEqual(res.hits.map((h) => [h.ord, h.rank[0]]), c.hits, c.query);
    found += c.hits.length;
  }
  assert.ok(found > 3);
});

test("sort: newest or oldest first over the whole result set, undated last", async () => {
  const engine = newEngine();
  await engine.init();
  assert.deepEqual(await engine.loadDates(), X.dates);
  for (const c of X.sort) {
    const res = await engine.search(c.query, "exact");
    assert.deepEqual(res.hits.map((h) => h.ord), c.relevance, c.query);
    for (const order of ["new", "old"]) {
      const sorted = await engine.sortHits(res.hits, order);
      assert.deepEqual(sorted.map((h) => h.ord), c[order], c.query + " " + order);
    }
    assert.deepEqual((await engine.sortHits(res.hits, "")).map((h) => h.ord), c.relevance);
  }
  assert.ok(X.sort.some((c) => c.relevance.length > 5 && c.new.join() !== c.relevance.join()));
  // byDate: ties keep relevance order, undated (key 0) last either way
  const hits = [{ ord: 0 }, { ord: 1 }, { ord: 2 }, { ord: 3 }];
  const keys = [2, 0, 2, 1];
  assert.deepEqual(S.byDate(hits, keys, "new").map((h) => h.ord), [0, 2, 3, 1]);
  assert.deepEqual(S.byDate(hits, keys, "old").map((h) => h.ord), [3, 0, 2, 1]);
  assert.equal(S.sortFrom("newest"), "");
  assert.equal(S.sortFrom("old"), "old");
});
