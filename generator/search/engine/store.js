/*
 * Search engine: the documents - their store entries (s/, title, city,
 * date, type and URL, STORE_BLOCK a file) and texts (t/, for snippets) -
 * and how many results a page shows.
 */
(function (S) {
  "use strict";

  var Engine = S.Engine;

  var FIRST_PAGE = 10; // results the search page shows at once
  var PAGE = 20; // results each "显示更多" adds

  Engine.prototype.storeEntry = function (ord) {
    var block = this.meta.shards.s;
    return this.fetchJSON("s/" + Math.floor(ord / block) + ".json").then(function (rows) {
      var r = rows[ord % block];
      return { ord: ord, title: r[0], city: r[1], date: r[2], type: r[3], url: r[4] };
    });
  };

  // For the search the page opens with (storeHint: {count, filters}, set
  // once), what rankFuzzy needs to name the documents likely on its first
  // page, so their store entries are fetched while lunr.js runs: the
  // count, and which documents the URL's filters allow (once facets are in).
  Engine.prototype.firstPageHint = function () {
    var self = this;
    var hint = this.storeHint;
    if (!hint) return null;
    this.storeHint = null;
    var accept = null;
    if (this.facets && Object.keys(hint.filters).length) {
      var wanted = this.wantedValues(hint.filters);
      accept = new Uint8Array(this.meta.docs);
      for (var ord = 0; ord < accept.length; ord++) accept[ord] = self.misses(wanted, ord).length ? 0 : 1;
    }
    return { count: hint.count, accept: accept };
  };

  Engine.prototype.prefetchStore = function (ords) {
    var self = this;
    ords.forEach(function (ord) { self.storeEntry(ord).catch(function () {}); });
  };

  Engine.prototype.text = function (ord) {
    return this.fetchJSON("t/" + ord + ".json");
  };

  Object.assign(S, { FIRST_PAGE, PAGE });
})(window.ArchiveSearchEngine = window.ArchiveSearchEngine || {});
