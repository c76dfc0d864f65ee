"""Template stage: lines that recur across many documents of one build are site chrome.

CCNet's observation, applied to page text: a navigation label, footer or share prompt repeats
verbatim across the pages of a site, while article sentences do not. It is a two-phase step:
``LineFrequency`` collects, over every document, how many documents hold each short line;
``mark_template`` then marks those lines in one document before cleaning.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from builder.clean import line_words
from builder.doc import Doc, LineReason

# Only short lines can be template: a long paragraph shared by several documents is a
# republished wire story, which deduplication handles, not cleaning.
MAX_TEMPLATE_WORDS = 12
# A line must recur in at least this many documents, and this share of them.
MIN_DOCS = 3
MIN_SHARE = 0.01


def template_key(text: str) -> str | None:
    if line_words(text) > MAX_TEMPLATE_WORDS:
        return None
    return text.casefold()  # a Line's whitespace is already single spaces


class LineFrequency:
    """Document frequency of every short line (phase one)."""

    def __init__(self) -> None:
        self.documents = 0
        self.counts: Counter[str] = Counter()

    def add(self, texts: Iterable[str]) -> None:
        self.documents += 1
        self.counts.update({key for text in texts if (key := template_key(text)) is not None})

    def frequent(self) -> frozenset[str]:
        floor = max(MIN_DOCS, math.ceil(MIN_SHARE * self.documents))
        return frozenset(key for key, n in self.counts.items() if n >= floor)


def mark_template(doc: Doc, frequent: frozenset[str]) -> Doc:
    """Phase two: mark this document's lines that recur across the build."""
    if frequent:
        for line in doc.lines:
            if line.reason is None and template_key(line.text) in frequent:
                line.reason = LineReason.template
    return doc
