"""Shard routing and the compact encodings shared with the browser
(``overrides/assets/javascripts/search-engine.js`` implements the same)."""

from __future__ import annotations

import base64
import json
from typing import Iterable

FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over code points (not bytes), as the browser computes it
    with ``Math.imul`` over ``codePointAt``."""
    h = FNV_OFFSET
    for ch in text:
        h ^= ord(ch)
        h = (h * FNV_PRIME) & 0xFFFFFFFF
    return h


def shard_of(key: str, count: int) -> int:
    """Shard number of ``key`` among ``count`` shards (a power of two)."""
    return fnv1a(key) & (count - 1)


def shard_count(total_bytes: int, target_bytes: int, maximum: int = 1 << 16) -> int:
    """Smallest power of two giving shards of about ``target_bytes``."""
    count = 1
    while count < maximum and total_bytes / count > target_bytes:
        count <<= 1
    return count


def varint_into(out: bytearray, value: int) -> None:
    """Unsigned LEB128."""
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)


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


def utf16_key(text: str) -> bytes:
    """Sort key matching JavaScript's string order (UTF-16 code units)."""
    return text.encode("utf-16-be")


def dumps(obj) -> bytes:
    """Deterministic compact JSON (UTF-8, sorted keys)."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


# -- postings ---------------------------------------------------------------
# Every posting is a base64 string of unsigned LEB128 varints.
# doc postings  (grams of length 1-2 and frequent longer grams), per document:
#     delta*2 + 1                        one occurrence, not in the title
#     delta*2, count*2 + in_title        otherwise
# positional postings (trigrams), per document:
#     delta*2 + 1, position              one occurrence
#     delta*2, n, first position, n-1 position deltas
# word postings (lunr, fuzzy mode), per field of the index:
#     number of documents, then per document: delta, round(score * 1000)
# (delta: document ordinal minus the previous one in the list, from 0)


def decode_doc_postings(text: str) -> dict[int, tuple[int, bool]]:
    vals = read_varints(unb64(text))
    out: dict[int, tuple[int, bool]] = {}
    i, ord_ = 0, 0
    while i < len(vals):
        ord_ += vals[i] >> 1
        if vals[i] & 1:
            out[ord_] = (1, False)
            i += 1
        else:
            out[ord_] = (vals[i + 1] >> 1, bool(vals[i + 1] & 1))
            i += 2
    return out


def decode_positions(text: str) -> dict[int, list[int]]:
    vals = read_varints(unb64(text))
    out: dict[int, list[int]] = {}
    i, ord_ = 0, 0
    while i < len(vals):
        ord_ += vals[i] >> 1
        if vals[i] & 1:
            out[ord_] = [vals[i + 1]]
            i += 2
            continue
        n = vals[i + 1]
        pos, acc = [], 0
        for j in range(n):
            acc += vals[i + 2 + j]
            pos.append(acc)
        out[ord_] = pos
        i += 2 + n
    return out


def decode_words(text: str, n_fields: int) -> list[list[tuple[int, float]]]:
    """Per field, ``[(ord, score)]`` of one word posting."""
    vals = read_varints(unb64(text))
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


def lunr_word_index(term: str, fields: list[str], postings: list[list[tuple[int, float]]], version: str) -> dict:
    """A serialised one-word lunr index (what the browser hands to
    ``lunr.Index.load``) from a word posting."""
    inverted = {"_index": 0}
    vectors = []
    for name, docs in zip(fields, postings):
        inverted[name] = {str(o): {} for o, _ in docs}
        vectors += [[f"{name}/{o}", [0, score]] for o, score in docs]
    return {"version": version, "fields": list(fields), "fieldVectors": vectors,
            "invertedIndex": [[term, inverted]], "pipeline": []}
