"""Dedup stage: exact and near-duplicate bodies grouped into clusters.

Two phases. ``body_signature`` runs in the streaming stage, one document at a time, and keeps
only a MinHash (datasketch) of the body's word shingles and a hash of the normalised body.
``cluster`` then groups the signatures of the whole build: equal normalised bodies are exact
duplicates; MinHash LSH proposes candidate pairs and a pair joins one cluster when its
estimated Jaccard similarity reaches the threshold, or when the shorter body is contained in
the longer one to that degree (a copy cut after half its paragraphs is still a copy).
"""

from __future__ import annotations

import array
import bisect
import dataclasses
import datetime as dt
import functools
import hashlib
import re
import sys
from collections.abc import Iterator

import numpy as np
import xxhash
from datasketch import MinHash
from datasketch.lsh import _optimal_param

from builder.defaults import DEFAULT_THRESHOLD

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


@functools.lru_cache(maxsize=1)
def _permutations():
    # datasketch draws the permutations from the seed on every MinHash; drawn once they are
    # the same values (a tenth of a millisecond a document saved).
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=int).permutations


def body_signature(record_id: str, date: dt.date | None, body: str) -> Signature:
    words = _WORDS.findall(body.casefold())
    shingles = shingle_hashes(words)
    # The shingles are hashed already; datasketch applies its permutations to the values.
    minhash = MinHash(
        num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=int, permutations=_permutations()
    )
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
    """Every record's cluster, as arrays over the records in id order.

    Rows are the records sorted by id, which is also the order the spool gives them back in,
    so a build joins its records to their clusters by position, with no per-id map.
    """

    ids: list[str]  # record ids, sorted
    canonical: np.ndarray  # int32: row of the cluster's canonical record, for every row
    rows: np.ndarray  # int32: the row of each signature, in the order they were added
    index_bytes: int  # memory of the dedup index: signatures and these arrays

    @property
    def count(self) -> int:
        return int(np.count_nonzero(self.canonical == np.arange(len(self.ids))))

    @property
    def multi_member(self) -> int:
        sizes = np.bincount(self.canonical, minlength=len(self.ids))
        return int(sizes[sizes > 1].sum())

    @property
    def cluster_of(self) -> dict[str, str]:
        """record id -> its cluster id (the canonical record's id); a dict, for small sets."""
        return {i: self.ids[c] for i, c in zip(self.ids, self.canonical.tolist(), strict=True)}

    @property
    def members(self) -> dict[str, tuple[str, ...]]:
        """cluster id -> member ids, sorted; a dict, for small sets."""
        groups: dict[str, list[str]] = {}
        for record_id, row in zip(self.ids, self.canonical.tolist(), strict=True):
            groups.setdefault(self.ids[row], []).append(record_id)
        return {cluster_id: tuple(group) for cluster_id, group in groups.items()}

    def is_canonical(self, record_id: str) -> bool:
        row = bisect.bisect_left(self.ids, record_id)
        return int(self.canonical[row]) == row

    def groups(self) -> Iterator[np.ndarray]:
        """Rows of each cluster, in id order, clusters by their canonical row."""
        order = np.argsort(self.canonical, kind="stable")
        bounds = np.flatnonzero(np.diff(self.canonical[order])) + 1
        starts, ends = np.r_[0, bounds].tolist(), np.r_[bounds, len(order)].tolist()
        for start, end in zip(starts, ends, strict=True):
            if end > start:
                yield order[start:end]


class SignatureStore:
    """Signatures of a whole build, packed in arrays: about 290 bytes a record.

    The MinHash values fit 32 bits (datasketch's hashes are 32-bit), so a million records
    hold 256 MB of signatures; beside them only the id, the date (a day number), 8 bytes of
    the body digest and the shingle count are kept.
    """

    def __init__(self) -> None:
        self.ids: list[str] = []
        self._days = array.array("i")  # date as a proleptic ordinal, 0 for none
        self._exact = array.array("Q")
        self._shingles = array.array("I")
        self._chunks: list[np.ndarray] = []
        self._pending: list[np.ndarray] = []

    def add(self, signature: Signature) -> None:
        self.ids.append(signature.id)
        self._days.append(signature.date.toordinal() if signature.date else 0)
        self._exact.append(int(signature.exact[:16], 16))
        self._shingles.append(min(signature.shingles, 2**32 - 1))
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

    def columns(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Day numbers, body digests and shingle counts, in the order records were added."""
        return (
            np.frombuffer(self._days, dtype=np.int32),
            np.frombuffer(self._exact, dtype=np.uint64),
            np.frombuffer(self._shingles, dtype=np.uint32).astype(np.int64),
        )

    def clear(self) -> None:
        """Free the signatures once clustered."""
        self.__init__()

    @property
    def nbytes(self) -> int:
        ids = sum(sys.getsizeof(i) for i in self.ids) + 8 * len(self.ids)
        arrays = sum(a.itemsize * len(a) for a in (self._days, self._exact, self._shingles))
        return self.matrix().nbytes + ids + arrays


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
        # The smaller row (rows are in id order) becomes the root: no dependence on input order.
        low, high = sorted((root_a, root_b))
        parent[high] = low


def _similar(rows: np.ndarray, shingles: np.ndarray, rep: int, others: np.ndarray) -> np.ndarray:
    """``similarity`` of one record against several; rows are their full signatures."""
    jaccard = (rows[1:] == rows[0]).mean(axis=1)
    return _estimate(jaccard, shingles[others], shingles[rep])


# Groups of records sharing a band larger than this are verified against their first member
# only (a star), which keeps wire stories copied thousands of times linear in cost.
_ALL_PAIRS_UP_TO = 32
# Day number that sorts an undated record after every dated one when choosing a canonical.
_UNDATED = np.iinfo(np.int32).max


def cluster(signatures, threshold: float = DEFAULT_THRESHOLD) -> Clusters:
    """Clusters of a SignatureStore (or of any iterable of signatures).

    LSH banding is done over the packed signature matrix with NumPy: for each band, records
    are sorted by the band's values and runs of equal bands are candidate groups. The band
    count and width come from datasketch's own optimiser for the candidate threshold. Work
    is done on rows in id order (``order`` maps them to the store's), so that the result
    depends on the ids only, not on the order records arrived in.
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"dedup threshold {threshold} is not in (0, 1]")
    store = signatures if isinstance(signatures, SignatureStore) else SignatureStore()
    if store is not signatures:
        for signature in signatures:
            store.add(signature)
    if not len(store):
        return Clusters([], np.zeros(0, np.int32), np.zeros(0, np.int32), 0)
    order = np.array(sorted(range(len(store)), key=store.ids.__getitem__), dtype=np.int64)
    ids = [store.ids[i] for i in order.tolist()]
    matrix = store.matrix()
    days, exact, shingles = (column[order] for column in store.columns())
    parent = list(range(len(ids)))
    # Equal digests: a stable sort keeps rows in order, so each run joins its first row.
    by_digest = np.argsort(exact, kind="stable")
    runs = np.flatnonzero(np.r_[True, exact[by_digest][1:] != exact[by_digest][:-1]])
    first_of_run = np.repeat(by_digest[runs], np.diff(np.r_[runs, len(ids)]))
    for row, first in zip(by_digest.tolist(), first_of_run.tolist(), strict=True):
        if row != first:
            _union(parent, first, row)
    bands, width = _optimal_param(threshold * CANDIDATE_FACTOR, NUM_PERM, *LSH_WEIGHTS)
    for band in range(bands if len(ids) > 1 else 0):  # one record has no pairs
        block = np.ascontiguousarray(matrix[order, band * width : (band + 1) * width])
        keys = block.view(np.dtype((np.void, block.dtype.itemsize * width))).ravel()
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
                # A pair already in one cluster (equal bodies, an earlier band) changes
                # nothing: a union is idempotent and its root the set's smallest row, so
                # skipping it leaves the clusters as they were, without the comparison.
                root = _find(parent, int(rep))
                others = others[[_find(parent, other) != root for other in others.tolist()]]
                if len(others):
                    rows = matrix[order[np.r_[rep, others]]]
                    for other in others[_similar(rows, shingles, rep, others) >= threshold]:
                        _union(parent, int(rep), int(other))
    roots = np.fromiter((_find(parent, row) for row in range(len(ids))), np.int64, len(ids))
    del parent
    # Canonical: the earliest date, then the smallest id (the smallest row).
    rows = np.arange(len(ids))
    by_cluster = np.lexsort((rows, np.where(days == 0, _UNDATED, days), roots))
    firsts = by_cluster[np.r_[True, roots[by_cluster][1:] != roots[by_cluster][:-1]]]
    canonical_of_root = np.empty(len(ids), dtype=np.int32)
    canonical_of_root[roots[firsts]] = firsts
    canonical = canonical_of_root[roots]
    rows_added = np.empty(len(ids), dtype=np.int32)
    rows_added[order] = np.arange(len(ids), dtype=np.int32)
    index_bytes = store.nbytes + len(ids) * bands * 8 + canonical.nbytes + rows_added.nbytes
    return Clusters(ids, canonical, rows_added, index_bytes)
