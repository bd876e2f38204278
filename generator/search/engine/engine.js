/*
 * Search engine: the Engine (no DOM).  Reads the sharded index written by
 * generator/search (see generator/search/__init__.py for the format).
 *
 *   exact mode  - every space-separated part must occur in the document as
 *                 written (after folding): 1-2 character parts and frequent
 *                 longer ones come from document postings (g/), others are
 *                 verified with the positions of 3-grams that cover them (p/)
 *                 (exact.js).
 *   fuzzy mode  - the query is segmented by longest match over the indexed
 *                 words, found in the word shards (w/) of its adjacent
 *                 character pairs along with their postings; the documents
 *                 with all, then most, of the words become one small lunr
 *                 index that lunr.js queries (fuzzy.js).
 *
 * Here: fetching and caching the index files, the index description, and
 * search() itself; the other files add their methods to Engine.prototype.
 */
(function (S) {
  "use strict";

  var b64bytes = S.b64bytes;
  var shardOf = S.shardOf;
  var routeOf = S.routeOf;

  // What a query is split on (generator/search/tokens.py query_parts is
  // the same): JavaScript's \s (tokens.py excludes grams containing these
  // characters from the index) and punctuation - quotes, brackets (Unicode
  // Ps, Pe, Pi, Pf) and PUNCT; "," and ":" only when not between two digits
  // (1,000, 12:30).  "." "-" "%" are kept: 144.3亿元, 2014-04-30.
  var WS = /\s/;
  var PUNCT = "\"'`!?;,:，；：？！、。…—·・《》「」『』【】〈〉〔〕";
  var BRACKETS = /[\p{Ps}\p{Pe}\p{Pi}\p{Pf}]/u;
  var DIGIT = /[0-9]/;

  function isSeparator(cps, i) {
    var ch = cps[i];
    if (WS.test(ch)) return true;
    if (ch === "," || ch === ":") {
      return !(i > 0 && i < cps.length - 1 && DIGIT.test(cps[i - 1]) && DIGIT.test(cps[i + 1]));
    }
    return PUNCT.indexOf(ch) !== -1 || BRACKETS.test(ch);
  }

  // The parts of a folded query: split on whitespace and punctuation.
  function queryParts(folded) {
    var cps = Array.from(folded);
    var parts = [];
    var current = "";
    for (var i = 0; i < cps.length; i++) {
      if (isSeparator(cps, i)) {
        parts.push(current);
        current = "";
      } else {
        current += cps[i];
      }
    }
    parts.push(current);
    return parts;
  }

  // options: lunrUrl; meta, the index description if the page carries it.
  function Engine(indexUrl, options) {
    this.base = new URL(indexUrl, document.baseURI);
    this.options = options || {};
    this.meta = null;
    this.reset();
  }

  // Forget everything fetched or computed from the index.
  Engine.prototype.reset = function () {
    this.files = new Map(); // path -> Promise of parsed JSON
    this.decoded = new Map(); // cache of decoded postings
    this.foldPages = new Map(); // page -> table
    this.commonFold = null; // Map char -> folded, see loadCommonFold
    this.commonFoldReady = null;
    this.fuzzyHits = new Map(); // the query's terms -> Promise of ranked hits
    this.storeHint = null; // see firstPageHint
    this.facetsReady = null;
    this.datesReady = null; // see loadDates (sort.js)
  };

  // `revalidate`: ask the server even if the browser holds a copy.
  Engine.prototype.fetchJSON = function (path, revalidate) {
    var self = this;
    if (!this.files.has(path)) {
      var url = new URL(path, this.base);
      // ?v=<build> keys the browser cache to this build of the index
      if (this.meta) url.searchParams.set("v", this.meta.build);
      // high priority: the page waits for these, not for images or prefetches
      var init = { credentials: "same-origin", priority: "high", cache: revalidate ? "no-cache" : "default" };
      var promise = fetch(url.href, init).then(function (r) {
        if (!r.ok) throw new Error("search index: " + r.status + " " + path);
        return r.json();
      });
      promise.catch(function () { self.files.delete(path); });
      this.files.set(path, promise);
    }
    return this.files.get(path);
  };

  Engine.prototype.init = function () {
    var self = this;
    if (!this.ready) {
      var meta = this.options.meta ? Promise.resolve(this.options.meta) : this.fetchMeta();
      this.ready = meta.then(function (m) { return self.setMeta(m); });
    }
    return this.ready;
  };

  // The current index description (never a cached copy).
  Engine.prototype.fetchMeta = function () {
    return fetch(new URL("meta.json", this.base).href, { cache: "no-cache" }).then(function (r) {
      if (!r.ok) throw new Error("search index: " + r.status + " meta.json");
      return r.json();
    });
  };

  Engine.prototype.setMeta = function (meta) {
    this.meta = meta;
    this.foldAvailable = new Set(meta.fold);
    this.longGrams = b64bytes(meta.grams.long.bits);
    this.foldCjk = meta.fold_cjk ? b64bytes(meta.fold_cjk) : null;
    this.loadFacets().catch(function () { /* reported by the search that needs them */ });
    return this;
  };

  // The shard of `kind` (g, p, w) that holds `key`, and `key`'s entry in it.
  Engine.prototype.shard = function (kind, key) {
    return this.fetchJSON(kind + "/" + shardOf(routeOf(kind, key), this.meta.shards[kind]) + ".json");
  };

  Engine.prototype.lookup = function (kind, key) {
    return this.shard(kind, key).then(function (shard) {
      return Object.prototype.hasOwnProperty.call(shard, key) ? shard[key] : null;
    });
  };

  // The distinct parts of a folded query (split on whitespace and
  // punctuation: queryParts).
  Engine.prototype.parts = function (folded) {
    var seen = new Set();
    return queryParts(folded).filter(function (p) {
      if (!p || seen.has(p)) return false;
      seen.add(p);
      return true;
    });
  };

  // query: raw text; mode: "exact" | "fuzzy".  Resolves to
  // {query, folded, parts, terms, hits: [{ord, rank}]} sorted best first
  // (rank desc, then newer year, then document order).
  Engine.prototype.search = function (query, mode) {
    var self = this;
    function again() {
      return self.refresh().then(function () { return self.searchOnce(query, mode); });
    }
    // If the index changed since the page's copy of meta.json (facets.json
    // says so, or that copy routes to files that are gone), start again
    // from the current one, once.
    return this.searchOnce(query, mode).then(function (res) {
      return self.facetsBuild === self.meta.build || self.refreshed ? res : again();
    }, function (err) {
      if (self.refreshed) throw err;
      return again();
    });
  };

  Engine.prototype.refresh = function () {
    var self = this;
    this.refreshed = true;
    return this.fetchMeta().then(function (meta) {
      self.reset();
      self.ready = Promise.resolve(self.setMeta(meta));
      return self.ready;
    });
  };

  Engine.prototype.searchOnce = function (query, mode) {
    var self = this;
    return this.init().then(function () {
      return self.fold(query);
    }).then(function (folded) {
      var run = mode === "fuzzy" ? self.fuzzy(folded) : self.exact(folded);
      return Promise.all([run, self.loadFacets()]).then(function (both) {
        var res = both[0];
        // year labels are sorted, "" (no date) first: a larger index is newer
        var years = self.facets.year.values;
        res.hits.forEach(function (h) { h.year = years[h.ord] || 0; });
        res.hits.sort(function (a, b) {
          for (var i = 0; i < a.rank.length; i++) {
            if (a.rank[i] !== b.rank[i]) return b.rank[i] - a.rank[i];
          }
          return b.year - a.year || a.ord - b.ord;
        });
        res.query = query;
        res.folded = folded;
        res.mode = mode === "fuzzy" ? "fuzzy" : "exact";
        return res;
      });
    });
  };

  S.Engine = Engine;
  S.queryParts = queryParts;
})(window.ArchiveSearchEngine = window.ArchiveSearchEngine || {});
