/*
 * Search engine: fuzzy mode.  The query is segmented by longest match over
 * the indexed words (found in the w/ shards of its adjacent character
 * pairs, along with their postings); the documents with all, then most (a
 * majority) of its words become one small lunr index that lunr.js queries.
 * generator/search/query.py Index.fuzzy is the same in Python.
 */
(function (S) {
  "use strict";

  var Engine = S.Engine;
  var decodeWords = S.decodeWords;

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

  // Fuzzy mode.  A part that is pinyin of named values (pinyin.js) selects
  // their documents, as in exact mode; the other parts are words ranked by
  // lunr.js (fuzzyWords).  A query of pinyin only lists the documents of
  // every part, rank [0, 0].  names: the pinyin matches.
  Engine.prototype.fuzzy = function (folded) {
    var self = this;
    var parts = this.parts(folded);
    return Promise.all(parts.map(function (p) { return self.pinyin(p); })).then(function (pys) {
      var names = [];
      var required = [];
      var wordParts = [];
      parts.forEach(function (p, i) {
        if (pys[i].length) {
          names = names.concat(pys[i]);
          required.push(S.pinyinDocs(pys[i]));
        } else {
          wordParts.push(p);
        }
      });
      if (!required.length) {
        return self.fuzzyWords(parts, wordParts).then(function (res) { res.names = names; return res; });
      }
      if (!wordParts.length) {
        var hits = [];
        required[0].forEach(function (ord) {
          if (required.every(function (docs) { return docs.has(ord); })) hits.push({ ord: ord, rank: [0, 0] });
        });
        return { parts: parts, terms: [], hits: hits, names: names };
      }
      return self.fuzzyWords(parts, wordParts).then(function (res) {
        res.hits = res.hits.filter(function (h) {
          return required.every(function (docs) { return docs.has(h.ord); });
        });
        res.names = names;
        return res;
      });
    });
  };

  // Fuzzy ranking of the word parts `wordParts` of a query's `parts`.
  Engine.prototype.fuzzyWords = function (parts, wordParts) {
    var self = this;
    return Promise.all(wordParts.map(function (p) { return self.segment(p); })).then(function (segs) {
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

  Object.assign(S, { wordCounts, likelyFirst, queryIndex, rankFuzzy, queryWordCount });
})(window.ArchiveSearchEngine = window.ArchiveSearchEngine || {});
