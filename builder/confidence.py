"""Confidence stage: a calibrated probability for each extracted value, and withholding.

Each field's value is described by a few features: how its finder chose it (the winner's
score and lead, the finder, the dates around it) and what it looks like. A model per field (a
logistic regression, or gradient-boosted trees where they predict held-out sites better),
fitted offline on the dev sets with folds grouped by site (``benchmarks/fit_confidence.py``),
turns them into the probability that the value is right. A value below its field's
threshold is published as null with source ``withheld`` and kept in the record's
``withheld`` list. The fitted parameters ship in ``confidence_model.json``; building only
reads them, so builds stay deterministic.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
from collections.abc import Mapping
from pathlib import Path

from builder.doc import BuildError, Doc, OptionError
from builder.extract import is_chrome_line

MODEL_FILE = Path(__file__).with_name("confidence_model.json")
FIELDS = ("headline", "date", "outlet", "author")
WITHHELD = "withheld"
# A curator's manifest states the value: nothing to doubt.
MANIFEST_CONFIDENCE = 1.0

_NAME_JOINERS = re.compile(r"(?i),|\band\b|&|\bet\b|\by\b|\bund\b")


def value_text(value: object) -> str:
    """A field's value as text: a date as YYYY-MM-DD."""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def field_features(field: str, meta: Mapping) -> dict[str, float] | None:
    """The features the field's model reads; None when the field has no value."""
    value = meta.get(field)
    if value is None:
        return None
    evidence = (meta.get("evidence") or {}).get(field, {})
    source = meta.get(f"{field}_source") or "none"
    features: dict[str, float] = {f"source={source}": 1.0}
    if "finder" in evidence:
        features[f"finder={evidence['finder']}"] = 1.0
    numeric = {k: float(v) for k, v in evidence.items() if isinstance(v, int | float)}
    features.update(numeric)
    text = value_text(value)
    words = len(text.split())
    if field == "headline":
        features.update(
            words=min(words, 30) / 10,
            short=float(words <= 3),
            chrome=float(is_chrome_line(text)),
            upper=float(text.isupper()),
            full_stop=float(text.endswith(".")),
        )
    elif field == "outlet":
        features.update(chrome=float(is_chrome_line(text)), upper=float(text.isupper()))
    elif field == "author":
        features.update(
            name_words=min(words, 12) / 4,
            names=min(len(_NAME_JOINERS.findall(text)), 4) / 2,
        )
    return features


@functools.cache
def load_model(path: Path = MODEL_FILE) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise BuildError(f"{path}: cannot read the confidence model ({err})") from None


def model_key(field: str, source: str | None) -> str:
    """Values trafilatura read from the HTML are judged by a model of their own."""
    return f"{field}@html" if (source or "").startswith("html:") else field


def confidence(key: str, features: Mapping[str, float], model: Mapping) -> float:
    """A model's probability for these features (plain arithmetic: deterministic): a logistic
    regression over the standardised features, or gradient-boosted trees, whichever the fit
    found to predict held-out sites better."""
    params = model["fields"][key]
    if params.get("kind") == "trees":
        z = _trees_log_odds(params, [features.get(name, 0.0) for name in params["features"]])
    else:
        z = params["intercept"]
        for name, mean, scale, coef in zip(
            params["features"], params["mean"], params["scale"], params["coef"], strict=True
        ):
            z += coef * (features.get(name, 0.0) - mean) / scale
    return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


def _trees_log_odds(params: Mapping, values: list[float]) -> float:
    """The sum of the trees' leaves the values reach, on the baseline. A node is [feature,
    threshold, left, right, value]; a leaf's feature is -1. A value at or below the threshold
    goes left, as in scikit-learn's HistGradientBoostingClassifier."""
    z = params["baseline"]
    for tree in params["trees"]:
        node = tree[0]
        while node[0] >= 0:
            node = tree[node[2] if values[node[0]] <= node[1] else node[3]]
        z += node[4]
    return z


def thresholds(overrides: Mapping[str, float] | None = None, model: Mapping | None = None):
    """Each model's threshold (a field's by text, and by HTML as field@html): the fitted one
    unless overridden; a field's override (build --min-confidence FIELD=X) holds on both
    paths. The result, passed back as overrides, gives itself."""
    model = model or load_model()
    chosen = {key: model["fields"][key]["threshold"] for key in sorted(model["fields"])}
    for name, value in (overrides or {}).items():
        if name not in chosen:
            raise OptionError(
                f"--min-confidence {name}={value:g}: no such field; choose {', '.join(FIELDS)}"
            )
        chosen[name] = float(value)
        if name in FIELDS:
            chosen[f"{name}@html"] = float(value)
    return chosen


def score_confidence(doc: Doc, minimum: Mapping[str, float] | None = None) -> Doc:
    """Set each field's confidence; withhold a value below its field's threshold."""
    model = load_model()
    limits = thresholds(minimum, model)  # the fitted ones, with the build's overrides
    meta = doc.meta
    withheld = []
    for field in FIELDS:
        column = f"{field}_confidence"
        source = meta.get(f"{field}_source")
        if source == "manifest":
            meta[column] = MANIFEST_CONFIDENCE
            continue
        features = field_features(field, meta)
        if features is None:
            meta[column] = None
            continue
        # Rounded to float32's precision now, so the record compares equal to its threshold.
        key = model_key(field, source)
        value = float(f"{confidence(key, features, model):.6f}")
        meta[column] = value
        if value < limits[key]:
            withheld.append({"field": field, "value": value_text(meta[field]), "confidence": value})
            meta[field], meta[f"{field}_source"] = None, WITHHELD
    meta["withheld"] = withheld
    return doc
