/*
 * Search engine: pinyin of the named fields (city, source, reporters,
 * people; generator/search/named_fields.py).  A query part of two or more Latin
 * letters is looked up in y/<its first letter>.json (fetched only for such a
 * part; meta.pinyin lists the letters that have a file): it matches a value
 * when it begins the value's full pinyin (zhengzhou -> 郑州市) or its
 * initials (zz -> 郑州市).  generator/search/query.py Index.pinyin is the
 * same in Python.
 */
(function (S) {
  "use strict";

  var Engine = S.Engine;
  var varints = S.varints;

  var PINYIN = /^[a-z]{2,}$/;

  // Whether folded part `part` is pinyin of `reading` ("zheng zhou shi").
  function pinyinMatch(part, reading) {
    if (!PINYIN.test(part)) return false;
    var syllables = reading.split(" ");
    var full = syllables.join("");
    var initials = syllables.map(function (s) { return s.charAt(0); }).join("");
    return full.startsWith(part) || initials.startsWith(part);
  }

  // [{part, field, value, ords: Set}] of the named values `part` is pinyin of
  // ([] for a part that cannot be pinyin), decoded once per part.
  Engine.prototype.pinyin = function (part) {
    var self = this;
    var letters = this.meta.pinyin || "";
    if (!PINYIN.test(part) || letters.indexOf(part.charAt(0)) === -1) return Promise.resolve([]);
    var key = "y:" + part;
    if (this.decoded.has(key)) return Promise.resolve(this.decoded.get(key));
    return this.fetchJSON("y/" + part.charAt(0) + ".json").then(function (entries) {
      var out = [];
      entries.forEach(function (e) {
        if (!pinyinMatch(part, e[2])) return;
        var ords = new Set();
        var ord = 0;
        varints(e[3]).forEach(function (d) { ord += d; ords.add(ord); });
        out.push({ part: part, field: self.meta.fields[e[0]], value: e[1], ords: ords });
      });
      self.decoded.set(key, out);
      return out;
    });
  };

  // The documents of a part's pinyin matches (a Set).
  function pinyinDocs(names) {
    var out = new Set();
    names.forEach(function (n) { n.ords.forEach(function (o) { out.add(o); }); });
    return out;
  }

  Object.assign(S, { PINYIN, pinyinMatch, pinyinDocs });
})(window.ArchiveSearchEngine = window.ArchiveSearchEngine || {});
