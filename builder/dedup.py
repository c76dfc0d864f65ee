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
from datasketch import MinHash, MinHashLSH

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


def _hash32(data: bytes) -> int:
    # xxHash instead of datasketch's default SHA-1: the same role, several times faster.
    return xxhash.xxh32_intdigest(data)


@dataclasses.dataclass(frozen=True, slots=True)
class Signature:
    id: str
    date: dt.date | None
    exact: str  # sha256 of the normalised body
    shingles: int  # number of distinct shingles, for containment estimates
    hashvalues: np.ndarray  # the MinHash, NUM_PERM unsigned 64-bit values

    def minhash(self) -> MinHash:
        return MinHash(
            num_perm=NUM_PERM,
            seed=SEED,
            hashvalues=self.hashvalues,
            scheme=SCHEME,
            hashfunc=_hash32,
        )


def body_signature(record_id: str, date: dt.date | None, body: str) -> Signature:
    words = _WORDS.findall(body.casefold())
    shingles = {
        " ".join(words[i : i + SHINGLE_WORDS])
        for i in range(max(1, len(words) - SHINGLE_WORDS + 1))
    }
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=_hash32)
    minhash.update_batch([s.encode("utf-8") for s in sorted(shingles)])
    exact = hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()
    return Signature(record_id, date, exact, len(shingles), minhash.hashvalues.copy())


def similarity(a: Signature, b: Signature) -> float:
    """The larger of estimated Jaccard and estimated containment of the smaller body."""
    jaccard = float(np.mean(a.hashvalues == b.hashvalues))
    common = jaccard * (a.shingles + b.shingles) / (1 + jaccard)
    return max(jaccard, min(1.0, common / max(1, min(a.shingles, b.shingles))))


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


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            # The smaller id becomes the root: the result does not depend on input order.
            low, high = sorted((root_a, root_b))
            self.parent[high] = low


def canonical_order(signature: Signature) -> tuple:
    """Earliest date first (records without a date last), then the smallest id."""
    return (signature.date is None, signature.date or dt.date.min, signature.id)


def cluster(signatures: list[Signature], threshold: float = DEFAULT_THRESHOLD) -> Clusters:
    if not 0 < threshold <= 1:
        raise ValueError(f"dedup threshold {threshold} is not in (0, 1]")
    ordered = sorted(signatures, key=lambda s: s.id)
    by_id = {s.id: s for s in ordered}
    groups = _UnionFind()
    first_with_body: dict[str, str] = {}
    lsh = MinHashLSH(threshold=threshold * CANDIDATE_FACTOR, num_perm=NUM_PERM, weights=LSH_WEIGHTS)
    for signature in ordered:
        groups.find(signature.id)
        if signature.exact in first_with_body:
            groups.union(signature.id, first_with_body[signature.exact])
            continue
        first_with_body[signature.exact] = signature.id
        minhash = signature.minhash()
        for other in sorted(lsh.query(minhash)):
            if similarity(signature, by_id[other]) >= threshold:
                groups.union(signature.id, other)
        lsh.insert(signature.id, minhash)
    members: dict[str, list[Signature]] = {}
    for signature in ordered:
        members.setdefault(groups.find(signature.id), []).append(signature)
    cluster_of, member_ids = {}, {}
    for group in members.values():
        canonical = min(group, key=canonical_order).id
        member_ids[canonical] = tuple(s.id for s in group)
        for signature in group:
            cluster_of[signature.id] = canonical
    bands = len(lsh.hashtables)
    index_bytes = len(first_with_body) * bands * (NUM_PERM // max(1, bands)) * 8
    return Clusters(cluster_of, member_ids, index_bytes)
