"""Split stage: train/validation/test as a pure function of the record id.

A salted hash of the id alone decides, so adding or removing other records never moves a
record to another split.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence

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
        published = sorted((previous[m], m) for m in cluster_members if m in previous)
        if published:
            votes = Counter(split for split, _ in published)
            top = max(votes.values())
            split = next(
                Split(s) for s, _ in sorted(published, key=lambda p: p[1]) if votes[s] == top
            )
        else:
            split = assign_split(min(cluster_members), salt)
        for member in cluster_members:
            result[member] = split
    return result
