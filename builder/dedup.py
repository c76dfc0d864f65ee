"""Dedup stage: exact and near-duplicate bodies grouped into clusters.

Two phases. ``body_signature`` runs in the streaming stage, one document at a time, and keeps
only a MinHash (datasketch) of the body's word shingles and a hash of the normalised body.
``cluster`` then groups the signatures of the whole build: equal normalised bodies are exact
duplicates; MinHash LSH proposes candidate pairs and a pair joins one cluster when its
estimated Jaccard similarity reaches the threshold, or when the shorter body is contained in
the longer one to that degree (a copy cut after half its paragraphs is still a copy).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re

import numpy as np
import xxhash
from datasketch import MinHash
from datasketch.lsh import _optimal_param

DEFAULT_THRESHOLD = 0.8
NUM_PERM = 64
SHINGLE_WORDS = 3
# MinHash seed: fixed, so that signatures, and therefore clusters, are reproducible.
SEED = 20130111
# Named, not left to the library's default, so that an upgrade cannot change the signatures.
SCHEME = "affine32"
# LSH proposes pairs well below the threshold, and is tuned to miss few (false negatives
# weigh 0.9), so that contained copies (a half copy has Jaccard 0.5 but containment 1) are
# found; every candidate is then verified.
CANDIDATE_FACTOR = 0.5
LSH_WEIGHTS = (0.1, 0.9)
_WORDS = re.compile(r"\w+")


# Odd multipliers that make a shingle's hash depend on the order of its words.
_SHINGLE_MIX = np.array([0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D], dtype=np.uint64)


def shingle_hashes(words: list[str]) -> np.ndarray:
    """32-bit hashes of the distinct word 3-shingles, sorted.

    Each distinct word is hashed once (xxHash) and a shingle's hash mixes its words' hashes
    with NumPy, instead of hashing every shingle's text: the same role at a fraction of the
    cost. A text shorter than a shingle is one shingle of its words.
    """
    vocabulary = {word: xxhash.xxh32_intdigest(word.encode("utf-8")) for word in set(words)}
    hashed = np.fromiter((vocabulary[w] for w in words), dtype=np.uint64, count=len(words))
    if len(hashed) < SHINGLE_WORDS:
        hashed = np.concatenate([hashed, np.zeros(SHINGLE_WORDS - len(hashed), np.uint64)])
    span = len(hashed) - SHINGLE_WORDS + 1
    mixed = np.zeros(span, dtype=np.uint64)
    for offset in range(SHINGLE_WORDS):
        mixed ^= hashed[offset : offset + span] * _SHINGLE_MIX[offset]
    return np.unique(mixed & np.uint64(0xFFFFFFFF))


@dataclasses.dataclass(frozen=True, slots=True)
class Signature:
    id: str
    date: dt.date | None
    exact: str  # sha256 of the normalised body
    shingles: int  # number of distinct shingles, for containment estimates
    hashvalues: np.ndarray  # the MinHash, NUM_PERM unsigned 64-bit values


def body_signature(record_id: str, date: dt.date | None, body: str) -> Signature:
    words = _WORDS.findall(body.casefold())
    shingles = shingle_hashes(words)
    # The shingles are hashed already; datasketch applies its permutations to the values.
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=int)
    minhash.update_batch(shingles.tolist())
    exact = hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()
    return Signature(record_id, date, exact, len(shingles), minhash.hashvalues.copy())


def _estimate(jaccard, shingles_a, shingles_b):
    """The larger of Jaccard and the containment of the smaller body (scalars or arrays)."""
    common = jaccard * (shingles_a + shingles_b) / (1 + jaccard)
    smaller = np.maximum(1, np.minimum(shingles_a, shingles_b))
    return np.maximum(jaccard, np.minimum(1.0, common / smaller))


def similarity(a: Signature, b: Signature) -> float:
    """Estimated similarity of two bodies from their signatures."""
    return float(_estimate(np.mean(a.hashvalues == b.hashvalues), a.shingles, b.shingles))


@dataclasses.dataclass(frozen=True)
class Clusters:
    """Cluster of every record id, and which record is its canonical one."""

    cluster_of: dict[str, str]  # record id -> cluster id (the canonical record's id)
    members: dict[str, tuple[str, ...]]  # cluster id -> member ids, sorted
    index_bytes: int  # approximate size of the LSH index, for the throughput benchmark

    def is_canonical(self, record_id: str) -> bool:
        return self.cluster_of[record_id] == record_id

    @property
    def multi_member(self) -> int:
        return sum(len(m) for m in self.members.values() if len(m) > 1)


class SignatureStore:
    """Signatures of a whole build, packed in columns: about 300 bytes a record.

    The MinHash values fit 32 bits (datasketch's hashes are 32-bit), so a million records
    hold 256 MB of signatures; nothing else of the documents is kept for the dedup stage.
    """

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.dates: list[dt.date | None] = []
        self._exact: list[bytes] = []
        self._shingles: list[int] = []
        self._chunks: list[np.ndarray] = []
        self._pending: list[np.ndarray] = []

    def add(self, signature: Signature) -> None:
        self.ids.append(signature.id)
        self.dates.append(signature.date)
        self._exact.append(bytes.fromhex(signature.exact[:16]))
        self._shingles.append(signature.shingles)
        if signature.hashvalues.max(initial=0) > np.iinfo(np.uint32).max:
            raise ValueError("MinHash values over 32 bits: the scheme is not affine32")
        self._pending.append(signature.hashvalues.astype(np.uint32))
        if len(self._pending) >= 4096:
            self._chunks.append(np.vstack(self._pending))
            self._pending = []

    def __len__(self) -> int:
        return len(self.ids)

    def matrix(self) -> np.ndarray:
        if self._pending:
            self._chunks.append(np.vstack(self._pending))
            self._pending = []
        if len(self._chunks) > 1:
            self._chunks = [np.vstack(self._chunks)]
        return self._chunks[0] if self._chunks else np.zeros((0, NUM_PERM), np.uint32)

    @property
    def nbytes(self) -> int:
        return self.matrix().nbytes + 8 * len(self.ids) * 3


def _find(parent: list[int], item: int) -> int:
    root = item
    while parent[root] != root:
        root = parent[root]
    while parent[item] != root:
        parent[item], item = root, parent[item]
    return root


def _union(parent: list[int], a: int, b: int) -> None:
    root_a, root_b = _find(parent, a), _find(parent, b)
    if root_a != root_b:
        # The smaller index (ids are sorted) becomes the root: no dependence on input order.
        low, high = sorted((root_a, root_b))
        parent[high] = low


def _similar(matrix: np.ndarray, shingles: np.ndarray, rep: int, others: np.ndarray) -> np.ndarray:
    """``similarity`` of one record against several, over the packed matrix."""
    jaccard = (matrix[others] == matrix[rep]).mean(axis=1)
    return _estimate(jaccard, shingles[others], shingles[rep])


# Groups of records sharing a band larger than this are verified against their first member
# only (a star), which keeps wire stories copied thousands of times linear in cost.
_ALL_PAIRS_UP_TO = 32


def cluster(signatures, threshold: float = DEFAULT_THRESHOLD) -> Clusters:
    """Clusters of a SignatureStore (or of any iterable of signatures).

    LSH banding is done over the packed signature matrix with NumPy: for each band, records
    are sorted by the band's values and runs of equal bands are candidate groups. The band
    count and width come from datasketch's own optimiser for the candidate threshold.
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"dedup threshold {threshold} is not in (0, 1]")
    store = signatures if isinstance(signatures, SignatureStore) else SignatureStore()
    if store is not signatures:
        for signature in signatures:
            store.add(signature)
    order = sorted(range(len(store)), key=store.ids.__getitem__)
    ids = [store.ids[i] for i in order]
    dates = [store.dates[i] for i in order]
    matrix = store.matrix()[order] if order else store.matrix()
    shingles = np.asarray(store._shingles, dtype=np.int64)[order] if order else np.zeros(0)
    exact = [store._exact[i] for i in order]
    parent = list(range(len(ids)))
    first_with_body: dict[bytes, int] = {}
    for index, key in enumerate(exact):
        if key in first_with_body:
            _union(parent, index, first_with_body[key])
        else:
            first_with_body[key] = index
    bands, rows = _optimal_param(threshold * CANDIDATE_FACTOR, NUM_PERM, *LSH_WEIGHTS)
    for band in range(bands if len(ids) > 1 else 0):
        block = np.ascontiguousarray(matrix[:, band * rows : (band + 1) * rows])
        keys = block.view(np.dtype((np.void, block.dtype.itemsize * rows))).ravel()
        sorted_index = np.argsort(keys, kind="stable")
        sorted_keys = keys[sorted_index]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        ends = np.r_[starts[1:], len(sorted_keys)]
        for start, end in zip(starts, ends, strict=True):
            if end - start < 2:
                continue
            group = np.sort(sorted_index[start:end])
            reps = group if end - start <= _ALL_PAIRS_UP_TO else group[:1]
            for position, rep in enumerate(reps):
                others = group[position + 1 :] if end - start <= _ALL_PAIRS_UP_TO else group[1:]
                if len(others):
                    for other in others[_similar(matrix, shingles, rep, others) >= threshold]:
                        _union(parent, int(rep), int(other))
    members: dict[int, list[int]] = {}
    for index in range(len(ids)):
        members.setdefault(_find(parent, index), []).append(index)
    cluster_of, member_ids = {}, {}
    for group in members.values():
        canonical = ids[
            min(group, key=lambda i: (dates[i] is None, dates[i] or dt.date.min, ids[i]))
        ]
        member_ids[canonical] = tuple(ids[i] for i in group)
        for index in group:
            cluster_of[ids[index]] = canonical
    index_bytes = matrix.nbytes + len(ids) * bands * 8
    return Clusters(cluster_of, member_ids, index_bytes)
