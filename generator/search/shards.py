"""Shard routing and the compact encodings shared with the browser: the
Python side of ``generator/search/engine/shards.js``
(routing, Bloom filter) and ``codec.js`` (postings); ``tests/js/`` checks the
browser decodes what these encoders write."""

from __future__ import annotations

import base64
import json
from functools import lru_cache
from itertools import accumulate
from typing import Callable, Container, Iterable, Mapping, TypeVar

T = TypeVar("T")

FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193


def fnv1a(text: str, basis: int = FNV_OFFSET) -> int:
    """32-bit FNV-1a over code points (not bytes), as the browser computes it
    with ``Math.imul`` over ``codePointAt``."""
    h = basis
    for ch in text:
        h ^= ord(ch)
        h = (h * FNV_PRIME) & 0xFFFFFFFF
    return h


def shard_of(key: str, count: int) -> int:
    """Shard number of ``key`` among ``count`` shards (a power of two)."""
    return fnv1a(key) & (count - 1)


def word_route(word: str) -> str:
    """The key a word routes to a ``w`` shard by: its first two characters.
    All indexed words that begin with a given pair of characters share one
    shard, so the shards of a query's adjacent pairs hold both the words a
    query can be segmented into (longest match) and their postings: fuzzy
    mode needs no separate vocabulary round trip.  A one-character word
    routes by itself."""
    return word[:2]


def shard_count(total_bytes: int, target_bytes: int, maximum: int = 1 << 16) -> int:
    """Smallest power of two giving shards of about ``target_bytes``."""
    count = 1
    while count < maximum and total_bytes / count > target_bytes:
        count <<= 1
    return count


# -- a Bloom filter of keys, read by the browser ---------------------------------
# Bits h1 + i*h2 (mod m) for i < k, Kirsch-Mitzenmacher double hashing:
# h1 = fnv1a(key), h2 = fnv1a(key, BLOOM_BASIS) | 1.  About 10 bits a key and
# k = 7 give ~1 % false positives; there are never false negatives.
BLOOM_BASIS = 0x050C5D1F
BLOOM_BITS_PER_KEY = 10
BLOOM_HASHES = 7


def set_bit(bits: bytearray, i: int) -> None:
    """Set bit ``i`` of a bitmap, least significant bit of each byte first
    (the browser's ``hasBit``)."""
    bits[i >> 3] |= 1 << (i & 7)


def has_bit(bits: bytes, i: int) -> bool:
    return bool(bits[i >> 3] & (1 << (i & 7)))


def _bloom_bits(key: str, m: int, k: int):
    h1, h2 = fnv1a(key), fnv1a(key, BLOOM_BASIS) | 1
    return ((h1 + i * h2) % m for i in range(k))


def bloom_filter(keys: Iterable[str]) -> dict:
    """``{"m": bits, "k": hashes, "bits": base64}`` holding ``keys``."""
    keys = sorted(set(keys))
    m = max(64, -(-len(keys) * BLOOM_BITS_PER_KEY // 8) * 8)
    bits = bytearray(m // 8)
    for key in keys:
        for b in _bloom_bits(key, m, BLOOM_HASHES):
            set_bit(bits, b)
    return {"m": m, "k": BLOOM_HASHES, "bits": b64(bytes(bits))}


@lru_cache(maxsize=4)
def _bloom_bytes(text: str) -> bytes:
    return unb64(text)


def bloom_has(bloom: dict, key: str) -> bool:
    """False only if ``key`` was not put in the filter."""
    bits = _bloom_bytes(bloom["bits"])
    return all(has_bit(bits, b) for b in _bloom_bits(key, bloom["m"], bloom["k"]))


def varints(values: Iterable[int]) -> bytes:
    out = bytearray()
    put = out.append
    for v in values:
        while v >= 0x80:
            put((v & 0x7F) | 0x80)
            v >>= 7
        put(v)
    return bytes(out)


def read_varints(data: bytes) -> list[int]:
    out, value, shift = [], 0, 0
    for b in data:
        value |= (b & 0x7F) << shift
        if b & 0x80:
            shift += 7
        else:
            out.append(value)
            value, shift = 0, 0
    return out


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text)


def encode_varints(values: Iterable[int]) -> str:
    """Base64 of the unsigned LEB128 varints of ``values``: every posting,
    and the per-document numbers of ``facets.json``."""
    return b64(varints(values))


def decode_varints(text: str) -> list[int]:
    """The numbers of :func:`encode_varints` (the browser's ``varints``)."""
    return read_varints(unb64(text))


def utf16_key(text: str) -> bytes:
    """Sort key matching JavaScript's string order (UTF-16 code units)."""
    return text.encode("utf-16-be")


def dumps(obj) -> bytes:
    """Deterministic compact JSON (UTF-8, sorted keys)."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


# -- postings ---------------------------------------------------------------
# Every posting is encode_varints of its numbers, one encoder and one decoder
# per layout here (codec.js in the browser: one decoder per layout).
# doc postings  (grams of length 1-2 and frequent longer grams), per document:
#     delta*2 + 1                        one occurrence, not in the title
#     delta*2, count*2 + in_title        otherwise
# positional postings (trigrams), per document:
#     delta*2 + 1, position              one occurrence
#     delta*2, n, first position, n-1 position deltas
# word postings (lunr, fuzzy mode), per field of the index:
#     number of documents, then per document: delta, round(score * 1000)
# (delta: document ordinal minus the previous one in the list, from 0)
# Doc and positional postings share their frame (delta*2 + one occurrence);
# _framed and _unframe write and read it, the layouts only what follows.


def _framed(postings: Mapping[int, T], body: Callable[[T], tuple[bool, list[int]]]) -> str:
    """``postings`` in ordinal order, each as its frame and ``body(value)``:
    (whether it is one occurrence, the numbers after the frame)."""
    vals: list[int] = []
    last = 0
    for ord_ in sorted(postings):
        single, rest = body(postings[ord_])
        vals.append((ord_ - last) * 2 + single)
        vals += rest
        last = ord_
    return encode_varints(vals)


def _unframe(text: str, body: Callable[[list[int], int, bool], tuple[T, int]]) -> dict[int, T]:
    """The reverse of :func:`_framed`: ``body(vals, i, single)`` reads a
    document's value from ``vals[i]`` on and returns it with the next index."""
    vals = decode_varints(text)
    out: dict[int, T] = {}
    i, ord_ = 0, 0
    while i < len(vals):
        ord_ += vals[i] >> 1
        out[ord_], i = body(vals, i + 1, bool(vals[i] & 1))
    return out


def encode_doc_postings(postings: Mapping[int, tuple[int, bool]]) -> str:
    """``{ord: (occurrences, in_title)}`` as a doc posting."""
    return _framed(postings, lambda v: (True, []) if v == (1, False) else (False, [v[0] * 2 + v[1]]))


def decode_doc_postings(text: str) -> dict[int, tuple[int, bool]]:
    def body(vals: list[int], i: int, single: bool) -> tuple[tuple[int, bool], int]:
        return ((1, False), i) if single else ((vals[i] >> 1, bool(vals[i] & 1)), i + 1)
    return _unframe(text, body)


def encode_positions(postings: Mapping[int, list[int]]) -> str:
    """``{ord: [positions, ascending]}`` as a positional posting."""
    def body(pos: list[int]) -> tuple[bool, list[int]]:
        deltas = [b - a for a, b in zip([0] + pos, pos)]
        return (True, deltas) if len(pos) == 1 else (False, [len(pos)] + deltas)
    return _framed(postings, body)


def decode_positions(text: str) -> dict[int, list[int]]:
    def body(vals: list[int], i: int, single: bool) -> tuple[list[int], int]:
        n = 1 if single else vals[i]
        i += 0 if single else 1
        return list(accumulate(vals[i:i + n])), i + n
    return _unframe(text, body)


def encode_words(fields: list[list[tuple[int, float]]]) -> str:
    """Per field, ``[(ord, score)]`` as a word posting (scores to 1/1000)."""
    vals: list[int] = []
    for docs in fields:
        vals.append(len(docs))
        last = 0
        for ord_, score in sorted(docs):
            vals += [ord_ - last, round(score * 1000)]
            last = ord_
    return encode_varints(vals)


def decode_words(text: str, n_fields: int) -> list[list[tuple[int, float]]]:
    """Per field, ``[(ord, score)]`` of one word posting."""
    vals = decode_varints(text)
    out, i = [], 0
    for _ in range(n_fields):
        n, i = vals[i], i + 1
        docs, ord_ = [], 0
        for _ in range(n):
            ord_ += vals[i]
            docs.append((ord_, vals[i + 1] / 1000))
            i += 2
        out.append(docs)
    return out


def lunr_query_index(postings: dict[str, list[list[tuple[int, float]]]], fields: list[str], version: str,
                     keep: Container[int] | None = None) -> dict:
    """The serialised lunr index of just a query's words (what the browser
    hands to ``lunr.Index.load``), from their word postings: terms in
    JavaScript string order, each document's field vector over them; only
    the documents in ``keep``, if given.  Every term stays (it shapes the
    query vector, so the kept documents score as in the full index)."""
    inverted, vectors = [], {}
    for t, term in enumerate(sorted(postings, key=utf16_key)):
        posting: dict = {"_index": t}
        for name, docs in zip(fields, postings[term]):
            docs = [(o, score) for o, score in docs if keep is None or o in keep]
            posting[name] = {str(o): {} for o, _ in docs}
            for o, score in docs:
                vectors.setdefault(f"{name}/{o}", []).extend((t, score))
        inverted.append([term, posting])
    return {"version": version, "fields": list(fields), "fieldVectors": [[ref, v] for ref, v in vectors.items()],
            "invertedIndex": inverted, "pipeline": []}
