// The posting codec (search-engine/codec.js) decodes what
// generator/search/shards.py encodes: varints, and each posting layout.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { F, S } = require("./load.js");

const C = F.codec;

test("varints: base64 LEB128 numbers, past 31 bits too", () => {
  assert.deepEqual(S.varints(C.varints.text), C.varints.values);
  assert.deepEqual(S.varints(""), []);
});

test("doc postings: ord -> count*2 + in_title", () => {
  for (const c of C.docs) {
    const got = S.decodeDocs(c.text);
    assert.deepEqual([...got.entries()], c.postings.map(([ord, count, title]) => [ord, count * 2 + (title ? 1 : 0)]));
  }
});

test("positional postings: ord -> positions", () => {
  for (const c of C.positions) {
    assert.deepEqual([...S.decodePositions(c.text).entries()], c.postings);
  }
});

test("word postings: per field [ords, scores]", () => {
  for (const c of C.words) {
    const got = S.decodeWords(c.text, C.n_fields);
    assert.equal(got.length, C.n_fields);
    got.forEach(([ords, scores], f) => {
      assert.deepEqual(ords, c.fields[f].map((d) => d[0]));
      assert.deepEqual(scores, c.fields[f].map((d) => d[1]));
    });
  }
});

test("bitmaps: least significant bit of each byte first", () => {
  const bytes = Uint8Array.from([0b00000101, 0b10000000]);
  assert.deepEqual([0, 1, 2, 3, 15].map((i) => S.hasBit(bytes, i)), [true, false, true, false, true]);
});
