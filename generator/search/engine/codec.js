/*
 * Search engine: the posting codec (generator/search/shards.py is the same
 * in Python).  Every posting is a base64 string of unsigned LEB128 varints,
 * read by one reader (varints) and decoded by one function per layout.
 *
 * The engine is these concept files, run in the order of
 * generator/search/bundle.py ENGINE_SOURCES; each adds its part to
 * window.ArchiveSearchEngine.  The site serves them as one file,
 * search/index/engine.js, written by the generator.
 */
(function (S) {
  "use strict";

  function b64bytes(text) {
    var bin = atob(text);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  // Bit i of a bitmap (generator/search/shards.py set_bit: LSB first).
  function hasBit(bytes, i) {
    return (bytes[i >> 3] & (1 << (i & 7))) !== 0;
  }

  // The numbers of a base64 string of varints.
  function varints(text) {
    var bytes = b64bytes(text);
    var out = [];
    var value = 0;
    var shift = 0;
    for (var i = 0; i < bytes.length; i++) {
      var b = bytes[i];
      // bit operations while the value fits in 31 bits, arithmetic beyond
      if (shift < 28) value |= (b & 0x7f) << shift;
      else value += (b & 0x7f) * Math.pow(2, shift);
      if (b & 0x80) {
        shift += 7;
      } else {
        out.push(value);
        value = 0;
        shift = 0;
      }
    }
    return out;
  }

  // The frame of document and positional postings: per document, its
  // ordinal's delta*2+1 if it has one occurrence, else delta*2, then the
  // layout's own values, which body(out, ord, vals, i, single) puts in the
  // Map `out` (from vals[i] on), returning the index after them.
  function perDocument(text, body) {
    var vals = varints(text);
    var out = new Map();
    var ord = 0;
    var i = 0;
    while (i < vals.length) {
      var head = vals[i];
      ord += Math.floor(head / 2);
      i = body(out, ord, vals, i + 1, head & 1);
    }
    return out;
  }

  // doc postings: nothing more for one occurrence not in the title, else
  // count*2 + in_title.  Decoded to a Map ord -> count*2 + in_title (a
  // number: no object per document, which matters for words found in most
  // documents).
  function decodeDocs(text) {
    return perDocument(text, function (out, ord, vals, i, single) {
      if (single) {
        out.set(ord, 2);
        return i;
      }
      out.set(ord, vals[i]);
      return i + 1;
    });
  }

  // positional postings: the position for one occurrence, else n, the
  // first position and n-1 deltas.  Decoded to a Map ord -> positions.
  function decodePositions(text) {
    return perDocument(text, function (out, ord, vals, i, single) {
      var n = single ? 1 : vals[i++];
      var pos = new Array(n);
      var acc = 0;
      for (var j = 0; j < n; j++) {
        acc += vals[i + j];
        pos[j] = acc;
      }
      out.set(ord, pos);
      return i + n;
    });
  }

  // word postings (per field: n, then n x (ord delta, score*1000)) decoded
  // to one [ords, scores] pair per field.
  function decodeWords(text, nFields) {
    var vals = varints(text);
    var out = [];
    var i = 0;
    for (var f = 0; f < nFields; f++) {
      var n = vals[i++];
      var ords = new Array(n);
      var scores = new Array(n);
      var ord = 0;
      for (var k = 0; k < n; k++) {
        ord += vals[i];
        ords[k] = ord;
        scores[k] = vals[i + 1] / 1000;
        i += 2;
      }
      out.push([ords, scores]);
    }
    return out;
  }

  Object.assign(S, { b64bytes, hasBit, varints, decodeDocs, decodePositions, decodeWords });
})(window.ArchiveSearchEngine = window.ArchiveSearchEngine || {});
