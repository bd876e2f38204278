// Shard routing and the Bloom filter (search-engine/shards.js) agree with
// generator/search/shards.py, and the engine finds the index's entries in
// the shards the generator put them in.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { F, S, newEngine, readIndex } = require("./load.js");

const H = F.shards;
const BLOOM_BASIS = 0x050c5d1f;

test("FNV-1a over code points, and the shard of a key", () => {
  for (const h of H.hashes) {
    assert.equal(S.fnv1a(h.key), h.hash, h.key);
    assert.equal(S.fnv1a(h.key, BLOOM_BASIS), h.bloom_hash, h.key);
    for (const [count, shard] of Object.entries(h.shards)) assert.equal(S.shardOf(h.key, +count), shard, h.key);
    assert.equal(S.routeOf("w", h.key), h.route, h.key);
    assert.equal(S.routeOf("g", h.key), h.key);
  }
});

test("Bloom filter: every key put in, and the same answers as Python for others", () => {
  const bloom = H.bloom.filter;
  const bytes = S.b64bytes(bloom.bits);
  assert.ok(H.bloom.in.length > 10);
  for (const key of H.bloom.in) assert.equal(S.bloomHas(bloom, bytes, key), true, key);
  let no = 0;
  for (const [key, want] of H.bloom.checks) {
    assert.equal(S.bloomHas(bloom, bytes, key), want, key);
    no += want ? 0 : 1;
  }
  assert.ok(no > H.bloom.checks.length / 2, "most other keys are not in the filter");
});

test("the engine looks keys up in the generator's shards", async () => {
  const engine = newEngine();
  await engine.init();
  for (const [kind, keys] of Object.entries(H.lookups)) {
    for (const key of keys) {
      const shard = readIndex(kind + "/" + S.shardOf(S.routeOf(kind, key), engine.meta.shards[kind]) + ".json");
      assert.equal(await engine.lookup(kind, key), shard[key], kind + " " + key);
      assert.notEqual(shard[key], undefined);
    }
  }
  assert.equal(await engine.lookup("g", "不在索引里的词"), null);
});
