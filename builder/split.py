"""Split stage: train/validation/test as a pure function of the record id.

A salted hash of the id alone decides, so adding or removing other records never moves a
record to another split.
"""

from __future__ import annotations

import hashlib

from builder.model import Split

SPLIT_SALT = "mali-news/split/v1"
# Cumulative percentage bounds: 80% train, 10% validation, 10% test.
_BOUNDS = ((80, Split.train), (90, Split.validation), (100, Split.test))


def assign_split(key: str, salt: str = SPLIT_SALT) -> Split:
    bucket = int.from_bytes(hashlib.sha256(f"{salt}:{key}".encode()).digest()[:8], "big") % 100
    return next(split for bound, split in _BOUNDS if bucket < bound)
