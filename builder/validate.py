"""Validate stage: assemble the record and check it against the model."""

from __future__ import annotations

import functools

import pydantic

from builder.clean import word_count
from builder.doc import Doc, Rejection, RejectReason
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

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


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
        )
    except pydantic.ValidationError as err:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in err.errors())
        return doc.reject(RejectReason.invalid_record, problems)
