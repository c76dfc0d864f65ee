"""Template stage: lines that recur across many documents of one build are site chrome.

CCNet's observation, applied to page text: a navigation label, footer or share prompt repeats
verbatim across the pages of a site, while article sentences do not. It is a two-phase step:
``LineFrequency`` collects, over every document, how many documents hold each short line;
``mark_template`` then marks those lines in one document before cleaning.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import xxhash

from builder.clean.text import line_words
from builder.doc import Doc, LineReason

# Only short lines can be template: a long paragraph shared by several documents is a
# republished wire story, which deduplication handles, not cleaning.
MAX_TEMPLATE_WORDS = 12
# A line must recur in at least this many documents, and this share of them.
MIN_DOCS = 3
MIN_SHARE = 0.01


# Lossy counting (Manku and Motwani, 2002) keeps the counts in bounded memory: every
# PRUNE_EVERY documents, keys that cannot reach the floor any more are forgotten. A count
# is then at most PRUNE_EVERY-th of the documents short, so the floor is lowered by that
# much; builds of up to PRUNE_EVERY documents are counted exactly.
PRUNE_EVERY = 1000


def template_key(text: str) -> str | None:
    if line_words(text) > MAX_TEMPLATE_WORDS:
        return None
    return text.casefold()  # a Line's whitespace is already single spaces


def template_hashes(texts: Iterable[str]) -> list[int]:
    """The distinct template keys of one document's lines, as 64-bit hashes, sorted."""
    keys = {key for text in texts if (key := template_key(text)) is not None}
    return sorted(xxhash.xxh64_intdigest(key.encode("utf-8")) for key in keys)


class LineFrequency:
    """Document frequency of every short line (phase one), in bounded memory."""

    def __init__(self) -> None:
        self.documents = 0
        self.counts: dict[int, int] = {}
        self._missed: dict[int, int] = {}  # key -> most documents it may have been missed in

    def add(self, texts: Iterable[str]) -> None:
        self.add_hashes(template_hashes(texts))

    def add_hashes(self, hashes: Iterable[int]) -> None:
        """Count one document, given as template_hashes of its lines."""
        counts, missed = self.counts, self._missed
        pruned_until = self.documents // PRUNE_EVERY
        for key in hashes:
            if key in counts:
                counts[key] += 1
            else:
                counts[key] = 1
                if pruned_until:
                    missed[key] = pruned_until
        self.documents += 1
        if self.documents % PRUNE_EVERY == 0:
            bucket = self.documents // PRUNE_EVERY
            for key in [k for k, n in counts.items() if n + missed.get(k, 0) <= bucket]:
                del counts[key]
                missed.pop(key, None)

    def frequent(self) -> frozenset[int]:
        floor = max(MIN_DOCS, math.ceil(MIN_SHARE * self.documents))
        floor -= self.documents // PRUNE_EVERY
        return frozenset(key for key, n in self.counts.items() if n >= floor)


def mark_template(doc: Doc, frequent: frozenset[int]) -> Doc:
    """Phase two: mark this document's lines that recur across the build."""
    if frequent:
        for line in doc.lines:
            if line.reason is not None:
                continue
            key = template_key(line.text)
            if key is not None and xxhash.xxh64_intdigest(key.encode("utf-8")) in frequent:
                line.reason = LineReason.template
    return doc
