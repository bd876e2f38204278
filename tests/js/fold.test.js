// Folding (search-engine/fold.js) with the index's tables gives what
// generator/search/fold.py gives.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { F, newEngine, requests } = require("./load.js");

test("fold() equals Python's fold", async () => {
  const engine = newEngine();
  await engine.init();
  for (const [text, folded] of F.fold) assert.equal(await engine.fold(text), folded, text);
});

test("ASCII and CJK that does not fold need no table", async () => {
  const engine = newEngine();
  await engine.init();
  const before = requests.length;
  assert.equal(await engine.fold("GDP 产业"), "gdp 产业");
  assert.deepEqual(requests.slice(before), []);
  assert.equal(await engine.fold("產業"), "产业");
  assert.deepEqual(requests.slice(before).map((r) => r.split("?")[0]), ["fold/common.json"]);
});

test("full-width forms fold by the common table too, other pages by their own", async () => {
  const engine = newEngine();
  await engine.init();
  const before = requests.length;
  assert.equal(await engine.fold("１４４．３"), "144.3");
  assert.equal(await engine.fold("Ä"), "ä");
  assert.deepEqual(requests.slice(before).map((r) => r.split("?")[0]), ["fold/common.json", "fold/0.json"]);
});
