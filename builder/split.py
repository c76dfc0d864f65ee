"""Split stage: train/validation/test as a pure function of the record id.

A salted hash of the id alone decides, so adding or removing other records never moves a
record to another split.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from builder.dedup import Clusters
from builder.model import Split

SPLIT_SALT = "mali-news/split/v1"
# Cumulative percentage bounds: 80% train, 10% validation, 10% test.
_BOUNDS = ((80, Split.train), (90, Split.validation), (100, Split.test))


def assign_split(key: str, salt: str = SPLIT_SALT) -> Split:
    bucket = int.from_bytes(hashlib.sha256(f"{salt}:{key}".encode()).digest()[:8], "big") % 100
    return next(split for bound, split in _BOUNDS if bucket < bound)


def cluster_splits(
    members: Mapping[str, Sequence[str]],
    previous: Mapping[str, str],
    salt: str = SPLIT_SALT,
) -> dict[str, Split]:
    """One split per cluster, kept from the previous version wherever membership allows.

    A cluster none of whose members was published before takes the split of its smallest id
    (so a lone record keeps the split its id gives it). A cluster with published members
    keeps the split most of them had; when a new record joins clusters that were published
    in different splits, the merged cluster keeps the split of the larger part (ties: the
    part holding the smallest id), and the members of the other parts move with it, which is
    what keeps copies of one story out of both train and test.
    """
    result: dict[str, Split] = {}
    for cluster_members in members.values():
        split = cluster_split(cluster_members, previous, salt)
        for member in cluster_members:
            result[member] = split
    return result


def cluster_split(
    cluster_members: Sequence[str], previous: Mapping[str, str], salt: str = SPLIT_SALT
) -> Split:
    """The split of one cluster (see cluster_splits)."""
    published = sorted((previous[m], m) for m in cluster_members if m in previous)
    if not published:
        return assign_split(min(cluster_members), salt)
    votes = Counter(split for split, _ in published)
    top = max(votes.values())
    return next(Split(s) for s, _ in sorted(published, key=lambda p: p[1]) if votes[s] == top)


SPLIT_CODES = tuple(Split)


def split_codes(
    clusters: Clusters, previous: Mapping[str, str], salt: str = SPLIT_SALT
) -> np.ndarray:
    """cluster_splits as an array over the clusters' rows: the index of each row's Split."""
    codes = np.empty(len(clusters.ids), dtype=np.int8)
    code_of = {split: code for code, split in enumerate(SPLIT_CODES)}
    for rows in clusters.groups():
        members = [clusters.ids[row] for row in rows.tolist()]
        codes[rows] = code_of[cluster_split(members, previous, salt)]
    return codes
