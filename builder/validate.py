"""Validate stage: assemble the record and check it against the model."""

from __future__ import annotations

import functools

import numpy as np
import pydantic

from builder.clean.text import word_count
from builder.confidence import FIELDS
from builder.doc import Doc, Rejection, RejectReason
from builder.jit import compiled
from builder.model import Article
from builder.split import assign_split


def body_text(doc: Doc) -> str:
    return "\n\n".join(line.text for line in doc.lines if line.kept)


# Below this probability the detector is guessing (very short or mixed bodies): null instead.
LANGUAGE_MIN_PROBABILITY = 0.9
LANGUAGE_SAMPLE_CHARS = 2000


@functools.lru_cache(maxsize=1)
def _language_identifier():
    # py3langid ships its model inside the package; nothing is fetched.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    class CompiledIdentifier(LanguageIdentifier):
        """py3langid's identifier with its walk over the text's bytes compiled. The walk, a
        Python loop over every byte, was most of a record's validation; it finds the same
        features in the same order, so the scores are py3langid's own."""

        def _raw_score(self, text):
            if not hasattr(self, "_walk_tables"):
                self._walk_tables = (
                    np.frombuffer(self.tk_nextmove, dtype=np.uint32),
                    np.asarray(self._rowbase, dtype=np.int64),
                    np.asarray(self.tk_output, dtype=np.int32),
                    int(np.max(self.tk_output)) + 1,  # how many features there are
                )
            data = np.frombuffer(text, dtype=np.uint8)
            features, counts = _feature_counts(*self._walk_tables, data)
            if not len(features):
                return super()._raw_score(text)  # no feature: the library's own answer
            visits = dict(zip(features.tolist(), counts.tolist(), strict=True))
            return self._sparse_score(visits, self.nb_ptc)

    return CompiledIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@compiled(cache=True, nogil=True)
def _feature_counts(next_move, row_base, output, feature_count, data):
    """py3langid's visit_counts: the features the byte automaton passes, with their counts,
    in the order each is first seen (the order its scores are summed in)."""
    # A tally over every feature the automaton can output, not a sort of the features
    # passed: the sort was a second of the kernels' first compile.
    tally = np.zeros(feature_count, dtype=np.int64)
    firsts = np.empty(len(data), dtype=np.int64)
    groups = 0
    state = 0
    for byte in data:
        state = next_move[row_base[state] + byte]
        feature = output[state]
        if feature >= 0:
            if tally[feature] == 0:
                firsts[groups] = feature
                groups += 1
            tally[feature] += 1
    features = firsts[:groups].copy()
    counts = np.empty(groups, dtype=np.int64)
    for k in range(groups):
        counts[k] = tally[features[k]]
    return features, counts


def detect_language(body: str) -> str | None:
    """ISO 639-1 code of the body's language, or None when the detector is unsure."""
    # The opening of the body decides as well as the whole of it, at a fraction of the cost.
    language, probability = _language_identifier().classify(body[:LANGUAGE_SAMPLE_CHARS])
    return language if probability >= LANGUAGE_MIN_PROBABILITY else None


def validate(doc: Doc) -> Article | Rejection:
    body = body_text(doc)
    if not body:
        return doc.reject(RejectReason.no_article, "cleaning left no article text")
    meta = doc.meta
    try:
        return Article(
            id=doc.id,
            headline=meta.get("headline"),
            date=meta.get("date"),
            outlet=meta.get("outlet"),
            body=body,
            author=meta.get("author"),
            dateline=meta.get("dateline"),
            language=meta.get("language") or detect_language(body),
            agency=meta.get("agency"),
            url=doc.url,
            license=meta.get("license"),
            source_file=doc.source_file,
            source_format=doc.container or doc.format,
            encoding=meta.get("encoding", "utf-8"),
            text_repaired=meta.get("text_repaired", False),
            source_sha256=doc.sha256,
            split=assign_split(doc.id),
            word_count=word_count(body),
            headline_source=meta.get("headline_source"),
            date_source=meta.get("date_source"),
            outlet_source=meta.get("outlet_source"),
            author_source=meta.get("author_source"),
            dateline_source=meta.get("dateline_source"),
            agency_source=meta.get("agency_source"),
            cluster_id=doc.id,  # a cluster of its own until the dedup stage groups the build
            is_canonical=True,
            # Plain dicts: pydantic-core builds the RemovedLine models far faster than
            # Python-level constructors would.
            removed_lines=[
                {"line_no": line.no, "reason": line.reason.value}
                for line in doc.lines
                if line.reason is not None
            ],
            **{f"{field}_confidence": meta.get(f"{field}_confidence") for field in FIELDS},
            withheld=meta.get("withheld", []),
        )
    except pydantic.ValidationError as err:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in err.errors())
        return doc.reject(RejectReason.invalid_record, problems)
