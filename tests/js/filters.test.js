// Facets and filters (search-engine/filters.js), the names readers see,
// and the search page's early start from its boot data (early.js).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const { F, S, INDEX_URL, newEngine, readIndex, requests, runScript } = require("./load.js");

test("the URL's and the selects' filter values", () => {
  const values = { city: "安阳市", year: "-", type: "" };
  assert.deepEqual(S.filtersFrom((n) => values[n]), { city: "安阳市", year: "" });
  assert.deepEqual(S.filtersFrom(() => null), {});
  assert.equal(S.filterValue(""), S.MISSING);
  assert.equal(S.filterValue("2014"), "2014");
  assert.deepEqual(S.FACETS, ["city", "year", "type"]);
  assert.ok(S.FIRST_PAGE > 0 && S.PAGE > 0);
});

test("facet names are the generator's labels", async () => {
  const engine = newEngine();
  await engine.init();
  await engine.loadFacets();
  for (const [facet, names] of Object.entries(F.names)) {
    for (const [label, name] of Object.entries(names)) assert.equal(engine.facetName(facet, label), name);
  }
  assert.equal(engine.facetName("city", "安阳市"), "安阳市");
  assert.ok(engine.facets.type.labels.includes("speech"));
});

test("filter: the hits a filter keeps, with counts per label", async () => {
  const engine = newEngine();
  const res = await engine.search("产业集聚区", "exact");
  const city = engine.facets.city;
  const label = city.labels[city.values[res.hits[0].ord]];
  const f = engine.filter(res.hits, { city: label });
  assert.deepEqual(f.hits, res.hits.filter((h) => engine.facetLabel("city", h.ord) === label));
  assert.equal(f.counts.city[city.labels.indexOf(label)], f.hits.length);
  assert.equal(f.counts.city.reduce((a, b) => a + b, 0), res.hits.length, "counts ignore the facet's own filter");
  assert.deepEqual(engine.filter(res.hits, { year: "1900" }).hits, []);
});

test("early start: the boot data block starts the URL's search", async () => {
  const meta = readIndex("meta.json");
  const q = F.exact[0].query;
  const boot = { index: INDEX_URL, lunr: "/repo/assets/vendor/lunr/lunr.min.js", meta: meta };
  globalThis.location = new URL(INDEX_URL + "../?q=" + encodeURIComponent(q) + "&mode=exact");
  globalThis.document.getElementById = (id) => (id === "archive-search-boot" ? { textContent: JSON.stringify(boot) } : null);
  const before = requests.length;
  try {
    runScript(path.join(path.dirname(F.sources[0]), "early.js"));
  } finally {
    globalThis.document.getElementById = () => null;
  }
  const engine = globalThis.__archiveSearchEngine;
  assert.ok(engine instanceof S.Engine);
  assert.equal(engine.meta, null, "the search starts before the page asks");
  const early = engine.takeEarly(q, "exact");
  assert.ok(early, "the search of the URL's query and mode");
  assert.equal(engine.takeEarly(q, "exact"), null, "taken once");
  const res = await early;
  assert.deepEqual(res.hits.map((h) => [h.ord].concat(h.rank)), F.exact[0].hits);
  await new Promise((resolve) => setTimeout(resolve, 20));
  const asked = requests.slice(before).map((r) => r.split("?")[0]);
  assert.ok(!asked.includes("meta.json"), "the inline index description is used");
  const stores = new Set(res.hits.slice(0, S.FIRST_PAGE).map((h) => "s/" + Math.floor(h.ord / meta.shards.s) + ".json"));
  for (const s of stores) assert.ok(asked.includes(s), "first page's store entries fetched: " + s);
});

test("同文异源: a group's copies show once, the first counting them", () => {
  const engine = newEngine();
  engine.repost = [0, 1, 1, 0, 2, 1];
  const hits = [{ ord: 2, score: 9 }, { ord: 0, score: 8 }, { ord: 5, score: 7 }, { ord: 4, score: 6 }, { ord: 1, score: 5 }];
  assert.deepEqual(engine.collapseReposts(hits), [
    { ord: 2, score: 9, copies: 3 }, { ord: 0, score: 8 }, { ord: 4, score: 6 },
  ]);
  assert.deepEqual(hits[0], { ord: 2, score: 9 }, "the engine's hits are not changed");
  engine.repost = [];
  assert.deepEqual(engine.collapseReposts(hits), hits, "an index without groups shows every hit");
});

test("the index says which documents are copies of one text", async () => {
  const engine = newEngine();
  await engine.init();
  await engine.loadFacets();
  assert.equal(engine.repost.length, engine.meta.docs);
  assert.equal(engine.meta.repost_label, "同文异源");
});
