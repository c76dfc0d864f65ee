import math
import random
from collections import Counter

import pytest

import builder.template
from builder.doc import Doc, Line, LineReason
from builder.template import LineFrequency, mark_template, template_hashes

LONG = "This sentence is far too long to be a template line because it has many words in it."


def test_template_hashes_are_distinct_short_lines_whatever_their_case():
    hashes = template_hashes(["Share this", "SHARE THIS", LONG, "Home"])
    assert len(hashes) == 2 and hashes == sorted(hashes)
    assert template_hashes([LONG]) == []


def _documents(count, seed=7):
    """Each document: a few site lines from a small pool plus lines of its own."""
    rnd = random.Random(seed)
    site = [f"site line {i}" for i in range(40)]
    return [
        rnd.sample(site, 5) + [f"own line {n} {j}" for j in range(rnd.randint(1, 4))]
        for n in range(count)
    ]


def _exact(documents):
    counts = Counter(h for doc in documents for h in template_hashes(doc))
    floor = max(builder.template.MIN_DOCS, math.ceil(len(documents) * builder.template.MIN_SHARE))
    return {h for h, n in counts.items() if n >= floor}


def test_small_builds_are_counted_exactly():
    documents = _documents(300)
    frequency = LineFrequency()
    for doc in documents:
        frequency.add(doc)
    assert frequency.frequent() == _exact(documents)
    assert template_hashes(["site line 3"])[0] in frequency.frequent()


@pytest.mark.parametrize("prune_every", [10, 50])
def test_pruned_counts_stay_bounded_and_miss_no_frequent_line(monkeypatch, prune_every):
    monkeypatch.setattr(builder.template, "PRUNE_EVERY", prune_every)
    documents = _documents(2000)
    frequency = LineFrequency()
    largest = 0
    for doc in documents:
        frequency.add(doc)
        largest = max(largest, len(frequency.counts))
    found = frequency.frequent()
    assert _exact(documents) <= found
    own = set(template_hashes([line for doc in documents for line in doc[5:]]))
    assert not found & own  # a document's own lines never reach the floor
    assert largest < len(own) / 4  # most one-off lines were forgotten along the way


def test_mark_template_marks_only_kept_frequent_lines():
    frequent = frozenset(template_hashes(["Home", "Share this"]))
    doc = Doc("f", b"", "", "f", lines=[Line(1, "home"), Line(2, LONG), Line(3, "Share this")])
    doc.lines[2].reason = LineReason.byline
    mark_template(doc, frequent)
    assert [line.reason for line in doc.lines] == [LineReason.template, None, LineReason.byline]
