/*
 * Search engine: folding (the same table as generator/search/fold.py).
 * CJK ideographs, CJK punctuation and full-width forms fold by one file
 * (fold/common.json, fetched when a query has a character there that
 * folds); other code points by pages of 256 (fold/<page>.json).
 */
(function (S) {
  "use strict";

  var Engine = S.Engine;
  var b64bytes = S.b64bytes;
  var hasBit = S.hasBit;

  var CJK_FIRST = 0x4e00;
  var CJK_LAST = 0x9fff;
  var COMMON_PAGES = [0x30, 0xff];

  function inCommon(cp) {
    return (cp >= CJK_FIRST && cp <= CJK_LAST) || COMMON_PAGES.indexOf(cp >> 8) !== -1;
  }

  Engine.prototype.loadCommonFold = function () {
    var self = this;
    if (!this.commonFoldReady) {
      this.commonFoldReady = this.fetchJSON("fold/common.json").then(function (common) {
        var map = new Map();
        var bits = b64bytes(common.cjk.bits);
        var to = Array.from(common.cjk.to);
        var k = 0;
        for (var cp = common.cjk.first; cp <= common.cjk.last; cp++) {
          var i = cp - common.cjk.first;
          if (hasBit(bits, i)) map.set(String.fromCodePoint(cp), to[k++]);
        }
        Object.keys(common.pages).forEach(function (page) {
          var table = common.pages[page];
          Object.keys(table).forEach(function (ch) { map.set(ch, table[ch]); });
        });
        self.commonFold = map;
      });
      this.commonFoldReady.catch(function () { self.commonFoldReady = null; });
    }
    return this.commonFoldReady;
  };

  // Whether a code point of the common ranges may change under folding:
  // for CJK ideographs the index description's bitmap says.
  Engine.prototype.mayFold = function (cp) {
    if (cp < CJK_FIRST || cp > CJK_LAST || !this.foldCjk) return true;
    return hasBit(this.foldCjk, cp - CJK_FIRST);
  };

  Engine.prototype.loadFold = function (text) {
    var self = this;
    var common = false;
    var need = new Set();
    for (var ch of text) {
      var cp = ch.codePointAt(0);
      if (cp < 0x80) continue; // ASCII: lower-casing is done inline
      if (inCommon(cp)) {
        common = common || (!self.commonFold && self.mayFold(cp));
        continue;
      }
      var page = cp >> 8;
      if (self.foldAvailable.has(page) && !self.foldPages.has(page)) need.add(page);
    }
    var loads = Array.from(need).map(function (page) {
      return self.fetchJSON("fold/" + page + ".json").then(function (table) {
        self.foldPages.set(page, table);
      });
    });
    if (common) loads.push(self.loadCommonFold());
    return Promise.all(loads);
  };

  // Synchronous fold of one character; its table must be loaded (or
  // `extra` must hold the mapping).
  Engine.prototype.foldChar = function (ch, extra) {
    var cp = ch.codePointAt(0);
    if (cp < 0x80) return cp >= 65 && cp <= 90 ? String.fromCharCode(cp + 32) : ch;
    if (extra && Object.prototype.hasOwnProperty.call(extra, ch)) return extra[ch];
    if (inCommon(cp)) {
      var folded = this.commonFold ? this.commonFold.get(ch) : undefined;
      return folded === undefined ? ch : folded;
    }
    var table = this.foldPages.get(cp >> 8);
    if (table && Object.prototype.hasOwnProperty.call(table, ch)) return table[ch];
    return ch;
  };

  Engine.prototype.fold = function (text) {
    var self = this;
    return this.loadFold(text).then(function () {
      var out = "";
      for (var ch of text) out += self.foldChar(ch);
      return out;
    });
  };
})(window.ArchiveSearchEngine = window.ArchiveSearchEngine || {});
