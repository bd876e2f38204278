/*
 * Archive full-text search: the engine (no DOM).  Reads the sharded index
 * written by generator/search (see generator/search/__init__.py for the
 * format).  Exposes window.ArchiveSearchEngine.
 *
 *   exact mode  - every space-separated part must occur in the document as
 *                 written (after folding): 1-2 character parts and frequent
 *                 longer ones come from document postings (g/), others are
 *                 verified with the positions of 3-grams that cover them (p/).
 *   fuzzy mode  - the query is segmented by longest match over the indexed
 *                 words (v/), each word is looked up in its lunr shard (w/);
 *                 documents with all, then most, of the words.
 */
(function () {
  "use strict";

  var FNV_OFFSET = 0x811c9dc5;
  var FNV_PRIME = 0x01000193;
  // JavaScript's \s: what a query is split on (generator/search/tokens.py
  // excludes grams containing these characters from the index).
  var WS = /\s+/;

  function fnv1a(text) {
    var h = FNV_OFFSET;
    for (var ch of text) {
      h ^= ch.codePointAt(0);
      h = Math.imul(h, FNV_PRIME);
    }
    return h >>> 0;
  }

  function shardOf(key, count) {
    return fnv1a(key) & (count - 1);
  }

  function b64bytes(text) {
    var bin = atob(text);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  function varints(text) {
    var bytes = b64bytes(text);
    var out = [];
    var value = 0;
    var shift = 0;
    for (var i = 0; i < bytes.length; i++) {
      var b = bytes[i];
      value += (b & 0x7f) * Math.pow(2, shift);
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

  // doc postings, per document: delta*2+1 (one occurrence, not in the
  // title) or delta*2, count*2+in_title  (generator/search/shards.py)
  function decodeDocs(text) {
    var vals = varints(text);
    var out = new Map();
    var ord = 0;
    var i = 0;
    while (i < vals.length) {
      var head = vals[i];
      ord += Math.floor(head / 2);
      if (head & 1) {
        out.set(ord, { count: 1, title: false });
        i += 1;
      } else {
        out.set(ord, { count: Math.floor(vals[i + 1] / 2), title: (vals[i + 1] & 1) === 1 });
        i += 2;
      }
    }
    return out;
  }

  // positional postings, per document: delta*2+1, position (one occurrence)
  // or delta*2, n, first position, n-1 deltas
  function decodePositions(text) {
    var vals = varints(text);
    var out = new Map();
    var i = 0;
    var ord = 0;
    while (i < vals.length) {
      var head = vals[i];
      ord += Math.floor(head / 2);
      if (head & 1) {
        out.set(ord, [vals[i + 1]]);
        i += 2;
        continue;
      }
      var n = vals[i + 1];
      var pos = new Array(n);
      var acc = 0;
      for (var j = 0; j < n; j++) {
        acc += vals[i + 2 + j];
        pos[j] = acc;
      }
      out.set(ord, pos);
      i += 2 + n;
    }
    return out;
  }

  // A word posting (per field: n, then n x (ord delta, score*1000)) as the
  // serialised one-word lunr index lunr.Index.load takes; lunr scores a
  // document by the query vector's magnitude, so the other words of the
  // index do not change a word's scores.
  function wordIndex(term, entry, fields, version) {
    var vals = varints(entry);
    var posting = { _index: 0 };
    var vectors = [];
    var i = 0;
    fields.forEach(function (name) {
      var n = vals[i++];
      var docs = {};
      var ord = 0;
      for (var k = 0; k < n; k++) {
        ord += vals[i];
        docs[ord] = {};
        vectors.push([name + "/" + ord, [0, vals[i + 1] / 1000]]);
        i += 2;
      }
      posting[name] = docs;
    });
    return { version: version, fields: fields, fieldVectors: vectors, invertedIndex: [[term, posting]], pipeline: [] };
  }

  function Engine(indexUrl, options) {
    this.base = new URL(indexUrl, document.baseURI);
    this.options = options || {};
    this.files = new Map(); // path -> Promise of parsed JSON
    this.decoded = new Map(); // cache of decoded postings
    this.foldPages = new Map(); // page -> table
    this.wordHits = new Map(); // word -> Promise of lunr results
    this.meta = null;
  }

  Engine.prototype.fetchJSON = function (path) {
    var self = this;
    if (!this.files.has(path)) {
      var url = new URL(path, this.base);
      if (this.meta) url.searchParams.set("v", this.meta.build);
      // high priority: the page waits for these, not for images or prefetches
      var promise = fetch(url.href, { credentials: "same-origin", priority: "high" }).then(function (r) {
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
      // the search page starts this fetch from <head> (window.__archiveSearchMeta)
      var early = window.__archiveSearchMeta;
      window.__archiveSearchMeta = null;
      this.ready = (early || fetch(new URL("meta.json", this.base).href, { cache: "no-cache" })
        .then(function (r) {
          if (!r.ok) throw new Error("search index: " + r.status + " meta.json");
          return r.json();
        }))
        .then(function (meta) {
          self.meta = meta;
          self.foldAvailable = new Set(meta.fold);
          self.foldCjk = meta.fold_cjk ? b64bytes(meta.fold_cjk) : null;
          self.facets = {};
          ["city", "year", "type"].forEach(function (name) {
            var f = meta.facets[name];
            self.facets[name] = { labels: f.labels, values: f.values ? varints(f.values) : [] };
          });
          self.tlen = meta.tlen ? varints(meta.tlen) : [];
          return self;
        });
    }
    return this.ready;
  };

  /* ---- folding (same table as generator/search/fold.py) ---------------- */

  Engine.prototype.loadFold = function (text) {
    var self = this;
    var need = new Set();
    for (var ch of text) {
      var cp = ch.codePointAt(0);
      if (cp < 0x80) continue; // ASCII: lower-casing is done inline
      if (self.foldCjk && cp >= 0x4e00 && cp <= 0x9fff) {
        var bit = cp - 0x4e00;
        if (!(self.foldCjk[bit >> 3] & (1 << (bit & 7)))) continue; // folds to itself
      }
      var page = cp >> 8;
      if (self.foldAvailable.has(page) && !self.foldPages.has(page)) need.add(page);
    }
    return Promise.all(Array.from(need).map(function (page) {
      return self.fetchJSON("fold/" + page + ".json").then(function (table) {
        self.foldPages.set(page, table);
      });
    }));
  };

  // Synchronous fold of one character; its page must be loaded (or
  // `extra` must hold the mapping).
  Engine.prototype.foldChar = function (ch, extra) {
    var cp = ch.codePointAt(0);
    if (cp < 0x80) return cp >= 65 && cp <= 90 ? String.fromCharCode(cp + 32) : ch;
    if (extra && Object.prototype.hasOwnProperty.call(extra, ch)) return extra[ch];
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

  Engine.prototype.parts = function (folded) {
    var seen = new Set();
    return folded.split(WS).filter(function (p) {
      if (!p || seen.has(p)) return false;
      seen.add(p);
      return true;
    });
  };

  /* ---- exact mode --------------------------------------------------------- */

  Engine.prototype.lookup = function (kind, key) {
    var count = this.meta.shards[kind];
    return this.fetchJSON(kind + "/" + shardOf(key, count) + ".json").then(function (shard) {
      return Object.prototype.hasOwnProperty.call(shard, key) ? shard[key] : null;
    });
  };

  Engine.prototype.docPostings = function (key) {
    var self = this;
    var ck = "g:" + key;
    if (this.decoded.has(ck)) return Promise.resolve(this.decoded.get(ck));
    return this.lookup("g", key).then(function (entry) {
      var value = entry === null ? null : decodeDocs(entry);
      self.decoded.set(ck, value);
      return value;
    });
  };

  Engine.prototype.positions = function (key) {
    var self = this;
    var ck = "p:" + key;
    if (this.decoded.has(ck)) return Promise.resolve(this.decoded.get(ck));
    return this.lookup("p", key).then(function (entry) {
      var value = entry === null ? null : decodePositions(entry);
      self.decoded.set(ck, value);
      return value;
    });
  };

  // Map ord -> {count, title} of the documents containing `part` (folded).
  Engine.prototype.exactPart = function (part) {
    var self = this;
    var cps = Array.from(part);
    var L = cps.length;
    if (L <= 2) {
      return this.docPostings(part).then(function (m) { return m || new Map(); });
    }
    var first = L <= this.meta.grams.max ? this.docPostings(part) : Promise.resolve(null);
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
    return Promise.all(offsets.map(function (o) {
      return self.positions(cps.slice(o, o + 3).join(""));
    })).then(function (lists) {
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
        if (count) out.set(ord, { count: count, title: title });
      });
      return out;
    });
  };

  Engine.prototype.exact = function (folded) {
    var self = this;
    var parts = this.parts(folded);
    if (!parts.length) return Promise.resolve({ parts: parts, hits: [] });
    return Promise.all(parts.map(function (p) { return self.exactPart(p); })).then(function (maps) {
      maps.sort(function (a, b) { return a.size - b.size; });
      var hits = [];
      maps[0].forEach(function (v, ord) {
        var titleHits = v.title ? 1 : 0;
        var occ = v.count;
        for (var k = 1; k < maps.length; k++) {
          var w = maps[k].get(ord);
          if (!w) return;
          if (w.title) titleHits++;
          occ += w.count;
        }
        hits.push({ ord: ord, rank: [titleHits, occ] });
      });
      return { parts: parts, hits: hits };
    });
  };

  /* ---- fuzzy mode --------------------------------------------------------- */

  Engine.prototype.vocabulary = function (ch) {
    return this.fetchJSON("v/" + shardOf(ch, this.meta.shards.v) + ".json");
  };

  // Longest match over the indexed words; characters no word starts with
  // become one-character terms (they match nothing and lower the count).
  Engine.prototype.segment = function (part) {
    var self = this;
    var cps = Array.from(part);
    var firsts = Array.from(new Set(cps));
    return Promise.all(firsts.map(function (ch) { return self.vocabulary(ch); })).then(function (lists) {
      var byFirst = new Map();
      firsts.forEach(function (ch, i) {
        byFirst.set(ch, lists[i].filter(function (w) { return w.startsWith(ch); }));
      });
      var terms = [];
      var i = 0;
      while (i < cps.length) {
        var rest = cps.slice(i).join("");
        var best = null;
        (byFirst.get(cps[i]) || []).forEach(function (w) {
          if (rest.startsWith(w) && (!best || w.length > best.length)) best = w;
        });
        if (!best) best = cps[i];
        terms.push(best);
        i += Array.from(best).length;
      }
      return terms;
    });
  };

  Engine.prototype.loadLunr = function () {
    var src = this.options.lunrUrl;
    if (window.lunr) return Promise.resolve(window.lunr);
    if (!this.lunrLoading) {
      this.lunrLoading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = src;
        s.onload = function () { resolve(window.lunr); };
        s.onerror = function () { reject(new Error("lunr.js failed to load")); };
        document.head.appendChild(s);
      });
    }
    return this.lunrLoading;
  };

  // lunr.js results of one word (its posting as a one-word lunr index).
  Engine.prototype.wordResults = function (term) {
    var self = this;
    if (!this.wordHits.has(term)) {
      var promise = Promise.all([this.loadLunr(), this.lookup("w", term)]).then(function (r) {
        var lunr = r[0];
        if (r[1] === null) return [];
        var fields = self.meta.words.fields;
        var idx = lunr.Index.load(wordIndex(term, r[1], fields, lunr.version));
        return idx.query(function (q) {
          q.term(term, { usePipeline: false });
        });
      });
      promise.catch(function () { self.wordHits.delete(term); });
      this.wordHits.set(term, promise);
    }
    return this.wordHits.get(term);
  };

  Engine.prototype.fuzzy = function (folded) {
    var self = this;
    var parts = this.parts(folded);
    return Promise.all(parts.map(function (p) { return self.segment(p); })).then(function (segs) {
      var terms = [];
      var seen = new Set();
      segs.forEach(function (s) {
        s.forEach(function (t) { if (!seen.has(t)) { seen.add(t); terms.push(t); } });
      });
      if (!terms.length) return { parts: parts, terms: terms, hits: [] };
      return Promise.all(terms.map(function (t) { return self.wordResults(t); })).then(function (resultLists) {
        var acc = new Map();
        resultLists.forEach(function (results) {
          results.forEach(function (r) {
            var ord = +r.ref;
            var a = acc.get(ord);
            if (!a) acc.set(ord, (a = { matched: 0, score: 0 }));
            a.matched++;
            a.score += r.score;
          });
        });
        var need = terms.length === 1 ? 1 : Math.ceil(terms.length / 2);
        var hits = [];
        acc.forEach(function (a, ord) {
          if (a.matched >= need) hits.push({ ord: ord, rank: [a.matched, a.score] });
        });
        return { parts: parts, terms: terms, hits: hits };
      });
    });
  };

  /* ---- search + filters ------------------------------------------------- */

  Engine.prototype.facetLabel = function (name, ord) {
    var f = this.facets[name];
    return f.labels[f.values[ord]];
  };

  // query: raw text; mode: "exact" | "fuzzy".  Resolves to
  // {query, folded, parts, terms, hits: [{ord, rank}]} sorted best first
  // (rank desc, then newer year, then document order).
  Engine.prototype.search = function (query, mode) {
    var self = this;
    return this.init().then(function () {
      return self.fold(query);
    }).then(function (folded) {
      var run = mode === "fuzzy" ? self.fuzzy(folded) : self.exact(folded);
      return run.then(function (res) {
        var years = self.facets.year;
        res.hits.sort(function (a, b) {
          for (var i = 0; i < a.rank.length; i++) {
            if (a.rank[i] !== b.rank[i]) return b.rank[i] - a.rank[i];
          }
          var ya = years.labels[years.values[a.ord]] || "";
          var yb = years.labels[years.values[b.ord]] || "";
          if (ya !== yb) return ya < yb ? 1 : -1;
          return a.ord - b.ord;
        });
        res.query = query;
        res.folded = folded;
        res.mode = mode === "fuzzy" ? "fuzzy" : "exact";
        return res;
      });
    });
  };

  // Hits matching the filters, and per facet the counts of each label among
  // the hits that match the *other* filters.
  Engine.prototype.filter = function (hits, filters) {
    var self = this;
    var names = ["city", "year", "type"];
    var wanted = {};
    names.forEach(function (n) {
      var f = self.facets[n];
      wanted[n] = filters[n] === undefined || filters[n] === null || filters[n] === "__all__" ? -1 : f.labels.indexOf(filters[n]);
      if (filters[n] !== undefined && filters[n] !== null && filters[n] !== "__all__" && wanted[n] < 0) wanted[n] = -2;
    });
    var counts = {};
    names.forEach(function (n) { counts[n] = new Array(self.facets[n].labels.length).fill(0); });
    var kept = [];
    hits.forEach(function (h) {
      var miss = [];
      names.forEach(function (n) {
        var w = wanted[n];
        if (w !== -1 && self.facets[n].values[h.ord] !== w) miss.push(n);
      });
      if (!miss.length) kept.push(h);
      names.forEach(function (n) {
        if (!miss.length || (miss.length === 1 && miss[0] === n)) counts[n][self.facets[n].values[h.ord]]++;
      });
    });
    return { hits: kept, counts: counts };
  };

  /* ---- documents ---------------------------------------------------------- */

  Engine.prototype.storeEntry = function (ord) {
    var block = this.meta.shards.s;
    return this.fetchJSON("s/" + Math.floor(ord / block) + ".json").then(function (rows) {
      var r = rows[ord % block];
      return { ord: ord, title: r[0], city: r[1], date: r[2], type: r[3], url: r[4] };
    });
  };

  Engine.prototype.text = function (ord) {
    return this.fetchJSON("t/" + ord + ".json");
  };

  // The URL's facet filters (?city=&year=&type=; "-" stands for an empty label).
  var MISSING = "-";
  function urlFilters(params) {
    var out = {};
    ["city", "year", "type"].forEach(function (n) {
      var v = params.get(n) || "";
      if (v) out[n] = v === MISSING ? "" : v;
    });
    return out;
  }

  window.ArchiveSearchEngine = {
    Engine: Engine,
    MISSING: MISSING,
    fnv1a: fnv1a,
    shardOf: shardOf,
    varints: varints,
    decodeDocs: decodeDocs,
    decodePositions: decodePositions,
    wordIndex: wordIndex,
  };

  /* ---- early start (search page) -------------------------------------------
   * The search page loads this script at the top of <head>, after setting
   * window.__archiveSearchBoot = {index, lunr, firstPage}.  The query in the
   * URL is searched at once and the store entries of its first page of
   * results are fetched while the rest of the page (stylesheets, Material's
   * bundle) loads; search-page.js picks up window.__archiveSearchEarly. */
  var boot = window.__archiveSearchBoot;
  if (boot) {
    window.__archiveSearchBoot = null;
    var params = new URLSearchParams(location.search);
    var engine = new Engine(boot.index, { lunrUrl: new URL(boot.lunr, document.baseURI).href });
    var early = {
      engine: engine,
      query: params.get("q") || "",
      mode: params.get("mode") === "fuzzy" ? "fuzzy" : "exact",
      search: null,
    };
    engine.init().catch(function () { /* reported by search-page.js */ });
    if (early.query.trim()) {
      if (early.mode === "fuzzy") engine.loadLunr().catch(function () {});
      early.search = engine.search(early.query, early.mode);
      early.search.then(function (res) {
        engine.filter(res.hits, urlFilters(params)).hits.slice(0, boot.firstPage || 10).forEach(function (h) {
          engine.storeEntry(h.ord).catch(function () {});
        });
      }).catch(function () { /* reported by search-page.js */ });
    }
    window.__archiveSearchEarly = early;
  }
})();
