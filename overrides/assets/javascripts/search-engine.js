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
 *                 words, found in the word shards (w/) of its adjacent
 *                 character pairs along with their postings; the documents
 *                 with all, then most, of the words become one small lunr
 *                 index that lunr.js queries.
 */
(function () {
  "use strict";

  var FNV_OFFSET = 0x811c9dc5;
  var FNV_PRIME = 0x01000193;
  // JavaScript's \s: what a query is split on (generator/search/tokens.py
  // excludes grams containing these characters from the index).
  var WS = /\s+/;
  var FACETS = ["city", "year", "type"]; // facets.json, the URL's filters

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

  // Bit i of a bitmap (generator/search/shards.py set_bit: LSB first).
  function hasBit(bytes, i) {
    return (bytes[i >> 3] & (1 << (i & 7))) !== 0;
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

  // doc postings, per document: delta*2+1 (one occurrence, not in the
  // title) or delta*2, count*2+in_title  (generator/search/shards.py).
  // Decoded to a Map ord -> count*2 + in_title (a number: no object per
  // document, which matters for words found in most documents).
  function decodeDocs(text) {
    var vals = varints(text);
    var out = new Map();
    var ord = 0;
    var i = 0;
    while (i < vals.length) {
      var head = vals[i];
      ord += Math.floor(head / 2);
      if (head & 1) {
        out.set(ord, 2);
        i += 1;
      } else {
        out.set(ord, vals[i + 1]);
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

  // How many of the query's words each document has (in any field), from
  // their decoded word postings: an array indexed by document ordinal.
  function wordCounts(postings, nDocs) {
    var counts = new Uint16Array(nDocs);
    var seenFor = new Uint16Array(nDocs); // term number + 1 that last counted it
    postings.forEach(function (fields, t) {
      fields.forEach(function (field) {
        var ords = field[0];
        for (var k = 0; k < ords.length; k++) {
          var ord = ords[k];
          if (seenFor[ord] === t + 1) continue;
          seenFor[ord] = t + 1;
          counts[ord]++;
        }
      });
    });
    return counts;
  }

  // The `n` documents lunr.js will most likely rank first among those
  // `keep` accepts: most words matched, then the largest sum of field
  // scores (lunr's score is that sum over the query vector's length, the
  // same for every document), then document order.  Only a hint, to fetch
  // their store entries while lunr.js runs; lunr.js gives the ranking.
  function likelyFirst(postings, counts, keep, n) {
    var sums = new Float64Array(counts.length);
    postings.forEach(function (fields) {
      fields.forEach(function (field) {
        var ords = field[0];
        var scores = field[1];
        for (var k = 0; k < ords.length; k++) sums[ords[k]] += scores[k];
      });
    });
    var best = []; // ordinals, best first, at most n
    function before(a, b) {
      return counts[a] !== counts[b] ? counts[a] > counts[b] : sums[a] !== sums[b] ? sums[a] > sums[b] : a < b;
    }
    for (var ord = 0; ord < counts.length; ord++) {
      if (!counts[ord] || !keep(ord)) continue;
      if (best.length === n && !before(ord, best[n - 1])) continue;
      var i = Math.min(best.length, n - 1);
      while (i > 0 && before(ord, best[i - 1])) i--;
      best.splice(i, 0, ord);
      if (best.length > n) best.pop();
    }
    return best;
  }

  // The word postings of a query's terms (`entries` = [[term, decoded
  // posting]] in JavaScript string order, as lunr inserts terms) as one
  // serialised lunr index holding just those terms and the documents
  // `keep(ord)` accepts, which lunr.Index.load takes.  lunr scores a
  // document by the dot product of its field vectors with the query vector,
  // over the query's own terms only, so this index ranks as the full one
  // would; every term stays in it, as it shapes the query vector.
  function queryIndex(entries, fields, version, keep) {
    var inverted = [];
    var vectors = fields.map(function () { return new Map(); }); // per field: ord -> [term index, score, ...]
    entries.forEach(function (entry, t) {
      var posting = { _index: t };
      fields.forEach(function (name, f) {
        var ords = entry[1][f][0];
        var scores = entry[1][f][1];
        var byOrd = vectors[f];
        var docs = {};
        for (var k = 0; k < ords.length; k++) {
          var ord = ords[k];
          if (keep && !keep(ord)) continue;
          docs[ord] = {};
          var vector = byOrd.get(ord);
          if (!vector) byOrd.set(ord, (vector = []));
          vector.push(t, scores[k]);
        }
        posting[name] = docs;
      });
      inverted.push([entry[0], posting]);
    });
    var fieldVectors = [];
    fields.forEach(function (name, f) {
      vectors[f].forEach(function (vector, ord) { fieldVectors.push([name + "/" + ord, vector]); });
    });
    return { version: version, fields: fields, fieldVectors: fieldVectors, invertedIndex: inverted, pipeline: [] };
  }

  // Fuzzy ranking of a query's words from their word postings (`texts`:
  // [[term, posting text]] of the indexed ones, in JavaScript string
  // order): the documents with at least `need` of the words, ranked by
  // lunr.js (`lunr`) over one lunr index of their postings.  If `hint`
  // ({count, accept: Uint8Array of allowed documents or null}) is given,
  // onLikely(ords) is told first the documents likely on the first page.
  // Returns [{ord, rank: [words the document has, lunr score]}] in lunr's
  // order.  generator/search/query.py Index.fuzzy is the same in Python.
  function rankFuzzy(lunr, texts, fields, nDocs, need, hint, onLikely) {
    var entries = texts.map(function (e) { return [e[0], decodeWords(e[1], fields.length)]; });
    var postings = entries.map(function (e) { return e[1]; });
    var counts = wordCounts(postings, nDocs);
    var keep = function (ord) { return counts[ord] >= need; };
    var results = [];
    if (counts.some(function (c) { return c >= need; })) {
      if (hint) {
        onLikely(likelyFirst(postings, counts, function (ord) {
          return keep(ord) && (!hint.accept || hint.accept[ord] === 1);
        }, hint.count));
      }
      var idx = lunr.Index.load(queryIndex(entries, fields, lunr.version, keep));
      results = idx.query(function (q) {
        entries.forEach(function (e) { q.term(e[0], { usePipeline: false }); });
      });
    }
    // counts[ord] is the number of terms in r.matchData.metadata
    return results.map(function (r) { return { ord: +r.ref, rank: [counts[+r.ref], r.score] }; });
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

  // Facets (city/year/type per document) and title lengths: fetched as
  // soon as the index description is in, needed once hits are known.
  // Always revalidated: its build id tells whether the index description
  // this engine started from (inline in the page, maybe cached) is current.
  Engine.prototype.loadFacets = function () {
    var self = this;
    if (!this.facetsReady) {
      this.facetsReady = this.fetchJSON("facets.json", true).then(function (data) {
        self.facetsBuild = data.build;
        self.facets = {};
        FACETS.forEach(function (name) {
          var f = data[name];
          self.facets[name] = { labels: f.labels, values: f.values ? varints(f.values) : [] };
        });
        self.tlen = data.tlen ? varints(data.tlen) : [];
        return self;
      });
      this.facetsReady.catch(function () { self.facetsReady = null; });
    }
    return this.facetsReady;
  };

  /* ---- folding (same table as generator/search/fold.py) ---------------- */

  // CJK ideographs, CJK punctuation and full-width forms fold by one file
  // (fold/common.json, fetched when a query has a character there that
  // folds); other code points by pages of 256 (fold/<page>.json).
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

  Engine.prototype.parts = function (folded) {
    var seen = new Set();
    return folded.split(WS).filter(function (p) {
      if (!p || seen.has(p)) return false;
      seen.add(p);
      return true;
    });
  };

  /* ---- exact mode --------------------------------------------------------- */

  // Words route to w/ shards by their first two characters
  // (generator/search/shards.py word_route), other keys by themselves.
  function routeOf(kind, key) {
    return kind === "w" ? Array.from(key).slice(0, 2).join("") : key;
  }

  Engine.prototype.shard = function (kind, key) {
    return this.fetchJSON(kind + "/" + shardOf(routeOf(kind, key), this.meta.shards[kind]) + ".json");
  };

  Engine.prototype.lookup = function (kind, key) {
    return this.shard(kind, key).then(function (shard) {
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

  // Map ord -> count*2 + in_title of the documents containing `part` (folded).
  Engine.prototype.exactPart = function (part) {
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

  Engine.prototype.exact = function (folded) {
    var self = this;
    var parts = this.parts(folded);
    if (!parts.length) return Promise.resolve({ parts: parts, hits: [] });
    return Promise.all(parts.map(function (p) { return self.exactPart(p); })).then(function (maps) {
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
      return { parts: parts, hits: hits };
    });
  };

  /* ---- fuzzy mode --------------------------------------------------------- */

  // Longest match over the indexed words, left to right (the words that
  // start with a pair of characters are in that pair's w/ shard); a
  // character no indexed word of two or more characters starts with (at
  // that point) is a term by itself - one that is not indexed matches
  // nothing and lowers the count.  Same as generator/search/query.py.
  Engine.prototype.segment = function (part) {
    var self = this;
    var cps = Array.from(part);
    var pairs = [];
    for (var i = 0; i + 1 < cps.length; i++) pairs.push(cps[i] + cps[i + 1]);
    return Promise.all(pairs.map(function (pair) { return self.shard("w", pair); })).then(function (shards) {
      var terms = [];
      var i = 0;
      while (i < cps.length) {
        var best = cps[i];
        if (i + 1 < cps.length) {
          var pair = pairs[i];
          var rest = cps.slice(i).join("");
          Object.keys(shards[i]).forEach(function (w) {
            if (w.length > best.length && w.startsWith(pair) && rest.startsWith(w)) best = w;
          });
        }
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
        // ahead of the page's own late scripts on a busy HTTP/1.1 connection pool
        s.fetchPriority = "high";
        s.onload = function () { resolve(window.lunr); };
        s.onerror = function () { reject(new Error("lunr.js failed to load")); };
        document.head.appendChild(s);
      });
    }
    return this.lunrLoading;
  };

  // How many words a fuzzy query has, for "a majority of them": each
  // indexed term once, and each run of adjacent characters the index does
  // not know (segment leaves them one term per character) once - the reader
  // typed one word there, not one per character.  segs: the terms of each
  // part of the query; indexed(term): whether it has a word posting.
  function queryWordCount(segs, indexed) {
    var words = new Set();
    segs.forEach(function (seg) {
      var run = "";
      seg.concat([null]).forEach(function (t) {
        if (t !== null && !indexed(t)) {
          run += t;
          return;
        }
        if (run) words.add("\n" + run); // "\n": never in a term
        run = "";
        if (t !== null) words.add(t);
      });
    });
    return words.size;
  }

  // Fuzzy hits for a query segmented into `segs` (the terms of each part):
  // the documents with all, then most (a majority) of its words, ranked by
  // lunr.js (rankFuzzy); rank: [words matched, lunr score].
  Engine.prototype.fuzzyHitsFor = function (segs, terms) {
    var self = this;
    var key = segs.map(function (seg) { return seg.join(" "); }).join("\n");
    if (!this.fuzzyHits.has(key)) {
      var lookups = terms.map(function (t) { return self.lookup("w", t); });
      var promise = Promise.all(lookups.concat([this.loadLunr()])).then(function (r) {
        var lunr = r.pop();
        var texts = [];
        terms.forEach(function (t, i) { if (r[i] !== null) texts.push([t, r[i]]); });
        texts.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
        var indexed = new Set(texts.map(function (e) { return e[0]; }));
        // all the words, then most: a majority (all of one or two words)
        var need = Math.floor(queryWordCount(segs, function (t) { return indexed.has(t); }) / 2) + 1;
        return rankFuzzy(lunr, texts, self.meta.words.fields, self.meta.docs, need, self.firstPageHint(), function (ords) {
          self.prefetchStore(ords);
        });
      });
      promise.catch(function () { self.fuzzyHits.delete(key); });
      this.fuzzyHits.set(key, promise);
    }
    return this.fuzzyHits.get(key);
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
      return self.fuzzyHitsFor(segs, terms).then(function (hits) {
        // a copy of the cached list: the caller sorts it
        return { parts: parts, terms: terms, hits: hits.slice() };
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

  // Per facet, the value a filter asks for: its label's index, -1 for no
  // filter, -2 for a label no document has.
  Engine.prototype.wantedValues = function (filters) {
    var self = this;
    var wanted = {};
    FACETS.forEach(function (n) {
      var want = filters[n];
      if (want === undefined || want === null || want === "__all__") {
        wanted[n] = -1;
      } else {
        var i = self.facets[n].labels.indexOf(want);
        wanted[n] = i < 0 ? -2 : i;
      }
    });
    return wanted;
  };

  // The facets whose filter (wantedValues) a document fails.
  Engine.prototype.misses = function (wanted, ord) {
    var self = this;
    return FACETS.filter(function (n) { return wanted[n] !== -1 && self.facets[n].values[ord] !== wanted[n]; });
  };

  // Hits matching the filters, and per facet the counts of each label among
  // the hits that match the *other* filters.
  Engine.prototype.filter = function (hits, filters) {
    var self = this;
    var wanted = this.wantedValues(filters);
    var counts = {};
    FACETS.forEach(function (n) { counts[n] = new Array(self.facets[n].labels.length).fill(0); });
    var kept = [];
    hits.forEach(function (h) {
      var miss = self.misses(wanted, h.ord);
      if (!miss.length) kept.push(h);
      FACETS.forEach(function (n) {
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

  // The URL's facet filters (?city=&year=&type=; "-" stands for an empty label).
  var MISSING = "-";
  function urlFilters(params) {
    var out = {};
    FACETS.forEach(function (n) {
      var v = params.get(n) || "";
      if (v) out[n] = v === MISSING ? "" : v;
    });
    return out;
  }

  // The search of the URL's query started in <head> (see the end of this
  // file), if it is for this query and mode (once).
  Engine.prototype.takeEarly = function (query, mode) {
    var early = this.early;
    this.early = null;
    return early && early.query === query && early.mode === mode ? early.promise : null;
  };

  window.ArchiveSearchEngine = {
    Engine: Engine,
    MISSING: MISSING,
    fnv1a: fnv1a,
    shardOf: shardOf,
    varints: varints,
    decodeDocs: decodeDocs,
    decodePositions: decodePositions,
    bloomHas: bloomHas,
    decodeWords: decodeWords,
    likelyFirst: likelyFirst,
    rankFuzzy: rankFuzzy,
    queryWordCount: queryWordCount,
    wordCounts: wordCounts,
    queryIndex: queryIndex,
  };

  /* ---- early start (search page) -------------------------------------------
   * The search page loads this script at the top of <head>, after setting
   * window.__archiveSearchBoot = {index, lunr, firstPage, meta} (meta: the
   * index description printed in the page, or null).  The query in the URL
   * is searched at once and the store entries of its first page of results
   * are fetched while the rest of the page (stylesheets, Material's bundle)
   * loads - for a fuzzy query already while lunr.js ranks (storeHint, see
   * firstPageHint); search-page.js picks the search up with takeEarly. */
  var boot = window.__archiveSearchBoot;
  if (boot) {
    window.__archiveSearchBoot = null;
    var params = new URLSearchParams(location.search);
    var engine = new Engine(boot.index, { lunrUrl: new URL(boot.lunr, document.baseURI).href, meta: boot.meta });
    var query = params.get("q") || "";
    var mode = params.get("mode") === "fuzzy" ? "fuzzy" : "exact";
    engine.init().catch(function () { /* reported by search-page.js */ });
    if (query.trim()) {
      if (mode === "fuzzy") {
        engine.loadLunr().catch(function () {});
        engine.storeHint = { count: boot.firstPage || 10, filters: urlFilters(params) };
      }
      var search = engine.search(query, mode);
      search.then(function (res) {
        engine.filter(res.hits, urlFilters(params)).hits.slice(0, boot.firstPage || 10).forEach(function (h) {
          engine.storeEntry(h.ord).catch(function () {});
        });
      }).catch(function () { /* reported by search-page.js */ });
      engine.early = { query: query, mode: mode, promise: search };
    }
    window.__archiveSearchEngine = engine;
  }
})();
