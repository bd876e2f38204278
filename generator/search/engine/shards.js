/*
 * Search engine: shard routing and the Bloom filter of long grams
 * (generator/search/shards.py is the same in Python).
 */
(function (S) {
  "use strict";

  var hasBit = S.hasBit;
  var FNV_OFFSET = 0x811c9dc5;
  var FNV_PRIME = 0x01000193;

  // 32-bit FNV-1a over code points (not UTF-16 code units, not bytes)
  function fnv1a(text, basis) {
    var h = basis === undefined ? FNV_OFFSET : basis;
    for (var ch of text) {
      h ^= ch.codePointAt(0);
      h = Math.imul(h, FNV_PRIME);
    }
    return h >>> 0;
  }

  function shardOf(key, count) {
    return fnv1a(key) & (count - 1);
  }

  // Words route to w/ shards by their first two characters
  // (generator/search/shards.py word_route), other keys by themselves.
  function routeOf(kind, key) {
    return kind === "w" ? Array.from(key).slice(0, 2).join("") : key;
  }

  // Bloom filter (generator/search/shards.py bloom_filter): bits h1 + i*h2
  // (mod m), h1 = fnv1a(key), h2 = fnv1a(key, BLOOM_BASIS) | 1.
  var BLOOM_BASIS = 0x050c5d1f;

  function bloomHas(bloom, bytes, key) {
    var h1 = fnv1a(key);
    var h2 = (fnv1a(key, BLOOM_BASIS) | 1) >>> 0;
    for (var i = 0; i < bloom.k; i++) {
      if (!hasBit(bytes, (h1 + i * h2) % bloom.m)) return false; // < 2^35: exact in a double
    }
    return true;
  }

  Object.assign(S, { fnv1a, shardOf, routeOf, bloomHas });
})(window.ArchiveSearchEngine = window.ArchiveSearchEngine || {});
