/*
 * Search engine: exact mode.  Every part of the query must occur in the
 * document as written (after folding): a part of 1-2 characters, or a
 * longer one the index lists, is one document posting (g/); any other is
 * verified with the positions of the 3-grams that cover it (p/).  The same
 * as generator/search/query.py Index.exact.
 */
(function (S) {
  "use strict";

  var Engine = S.Engine;
  var bloomHas = S.bloomHas;
  var decodeDocs = S.decodeDocs;
  var decodePositions = S.decodePositions;

  // A key's decoded posting of `kind` (null if the key is not indexed),
  // decoded once.
  Engine.prototype.decodedPosting = function (kind, key, decode) {
    var self = this;
    var ck = kind + ":" + key;
    if (this.decoded.has(ck)) return Promise.resolve(this.decoded.get(ck));
    return this.lookup(kind, key).then(function (entry) {
      var value = entry === null ? null : decode(entry);
      self.decoded.set(ck, value);
      return value;
    });
  };

  // Map ord -> count*2 + in_title of the documents containing gram `key`.
  Engine.prototype.docPostings = function (key) {
    return this.decodedPosting("g", key, decodeDocs);
  };

  // Map ord -> positions of 3-gram `key`.
  Engine.prototype.positions = function (key) {
    return this.decodedPosting("p", key, decodePositions);
  };

  // Map ord -> count*2 + in_title of the documents containing `part`
  // (folded) or whose named values it is pinyin of (pinyin.js: one
  // occurrence each, unless the text has more).
  Engine.prototype.exactPart = function (part) {
    return this.exactPartNames(part).then(function (r) { return r[0]; });
  };

  // [exactPart's Map, the pinyin matches of `part`].
  Engine.prototype.exactPartNames = function (part) {
    return Promise.all([this.exactText(part), this.pinyin(part)]).then(function (r) {
      var m = r[0];
      var names = r[1];
      if (!names.length) return [m, names];
      var out = new Map(m); // m may be a cached posting: not changed here
      S.pinyinDocs(names).forEach(function (ord) { if (!out.has(ord)) out.set(ord, 2); });
      return [out, names];
    });
  };

  // Map ord -> count*2 + in_title of the documents whose text (title, body,
  // named fields) contains `part` (folded).
  Engine.prototype.exactText = function (part) {
    var self = this;
    var cps = Array.from(part);
    var L = cps.length;
    if (L <= 2) {
      return this.docPostings(part).then(function (m) { return m || new Map(); });
    }
    // the index says which longer parts have a document posting (Bloom
    // filter: a false positive costs one lookup, there are no false negatives)
    var listed = L <= this.meta.grams.max && bloomHas(this.meta.grams.long, this.longGrams, part);
    var first = listed ? this.docPostings(part) : Promise.resolve(null);
    return first.then(function (m) {
      if (m) return m;
      return self.verifyPositions(cps);
    });
  };

  // Exact verification with 3-gram positions: offsets 0, 3, 6, ... and L-3
  // cover every character, so a start s where each 3-gram is found at
  // s + offset is an occurrence of the whole part.
  Engine.prototype.verifyPositions = function (cps) {
    var self = this;
    var L = cps.length;
    var offsets = [];
    for (var o = 0; o + 3 <= L; o += 3) offsets.push(o);
    if (offsets[offsets.length - 1] !== L - 3) offsets.push(L - 3);
    var lookups = offsets.map(function (o) {
      return self.positions(cps.slice(o, o + 3).join(""));
    });
    return Promise.all(lookups.concat([this.loadFacets()])).then(function (lists) {
      lists.pop(); // the facets: title lengths
      var out = new Map();
      if (lists.some(function (l) { return l === null; })) return out;
      // anchor: the 3-gram present in the fewest documents
      var anchor = 0;
      for (var k = 1; k < lists.length; k++) if (lists[k].size < lists[anchor].size) anchor = k;
      lists[anchor].forEach(function (anchorPos, ord) {
        var others = [];
        for (var k = 0; k < lists.length; k++) {
          if (k === anchor) continue;
          var pos = lists[k].get(ord);
          if (!pos) return;
          others.push([offsets[k], new Set(pos)]);
        }
        var count = 0;
        var title = false;
        var tlen = self.tlen[ord] || 0;
        for (var i = 0; i < anchorPos.length; i++) {
          var start = anchorPos[i] - offsets[anchor];
          if (start < 0) continue;
          var ok = true;
          for (var j = 0; j < others.length; j++) {
            if (!others[j][1].has(start + others[j][0])) { ok = false; break; }
          }
          if (ok) {
            count++;
            if (start + L <= tlen) title = true;
          }
        }
        if (count) out.set(ord, count * 2 + (title ? 1 : 0));
      });
      return out;
    });
  };

  // The documents with every part: [{ord, rank: [parts in the title,
  // occurrences]}]; names: the pinyin matches of the parts.
  Engine.prototype.exact = function (folded) {
    var self = this;
    var parts = this.parts(folded);
    if (!parts.length) return Promise.resolve({ parts: parts, hits: [], names: [] });
    return Promise.all(parts.map(function (p) { return self.exactPartNames(p); })).then(function (results) {
      var names = [];
      results.forEach(function (r) { names = names.concat(r[1]); });
      var maps = results.map(function (r) { return r[0]; });
      maps.sort(function (a, b) { return a.size - b.size; });
      var hits = [];
      maps[0].forEach(function (v, ord) {
        var titleHits = v & 1;
        var occ = v >>> 1;
        for (var k = 1; k < maps.length; k++) {
          var w = maps[k].get(ord);
          if (!w) return;
          titleHits += w & 1;
          occ += w >>> 1;
        }
        hits.push({ ord: ord, rank: [titleHits, occ] });
      });
      return { parts: parts, hits: hits, names: names };
    });
  };
})(window.ArchiveSearchEngine = window.ArchiveSearchEngine || {});
