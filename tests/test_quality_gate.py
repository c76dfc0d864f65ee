"""Quality gate: the builder's extraction on real pages must not fall below pinned floors.

The metrics follow ../shared/eval/score.py: per-document F1 of lowercase word tokens for the
body, exact match after Unicode/case/quote normalisation for the headline (against the gold
headline and its alternates), exact day for the date, normalised name for the outlet.
"""

import json
import re
import statistics
import unicodedata
from collections import Counter

import pytest

from benchmarks.quality import author_key
from builder.pipeline import extract_fields, line_frequency
from tests.conftest import REPO

FIXTURES = REPO / "tests" / "fixtures" / "devset"
FLOORS = json.loads((REPO / "tests" / "quality_floors.json").read_text(encoding="utf-8"))
_TOKEN = re.compile(r"\w+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u2013": "-", "\u2014": "-", "\u00a0": " "})  # fmt: skip


def token_f1(gold: str, predicted: str) -> float:
    g, p = Counter(_TOKEN.findall(gold.lower())), Counter(_TOKEN.findall(predicted.lower()))
    overlap = sum((g & p).values())
    if not g and not p:
        return 1.0
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def _headline_key(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES).casefold()
    return " ".join(text.split())


def _outlet_key(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold().strip()
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"\.(com|net|org|co\.uk|fr|de|cz)$", "", text)
    return re.sub(r"[\W_]+", "", text)


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    pages = sorted(p for p in FIXTURES.iterdir() if (p / "raw.txt").is_file())
    frequent = line_frequency((p / "raw.txt").read_bytes() for p in pages).frequent()
    body, headline, date, outlet, author, language = [], [], [], [], [], []
    # Precision when given (the product is judged so): right among the values published
    # where the gold has one; a withheld value is not given.
    given: dict[str, list[float]] = {"headline": [], "date": [], "outlet": []}
    for page in pages:
        gold = json.loads((page / "gold.json").read_text(encoding="utf-8"))
        got = extract_fields((page / "raw.txt").read_bytes(), page.name, frequent=frequent)
        body.append(token_f1(gold["body"], got["body"]))
        alternates = {
            _headline_key(h) for h in [gold["headline"], *gold.get("headline_alternates", [])]
        }
        headline.append(
            float(bool(got["headline"]) and _headline_key(got["headline"]) in alternates)
        )
        if got["headline"]:
            given["headline"].append(headline[-1])
        if gold.get("date"):
            date.append(float(got["date"] == gold["date"][:10]))
            if got["date"]:
                given["date"].append(date[-1])
        if gold.get("outlet"):
            outlet.append(
                float(
                    bool(got["outlet"])
                    and _outlet_key(got["outlet"]) == _outlet_key(gold["outlet"])
                )
            )
            if got["outlet"]:
                given["outlet"].append(outlet[-1])
        expected = gold.get("expected_metadata", {})
        if expected.get("byline"):
            author.append(float(author_key(got["author"]) == author_key(expected["byline"])))
        if expected.get("lang"):
            language.append(float(got["language"] == expected["lang"][:2].casefold()))
    return {
        "body_f1": statistics.mean(body),
        "author_acc": statistics.mean(author),
        "language_acc": statistics.mean(language),
        "headline_em": statistics.mean(headline),
        "date_acc": statistics.mean(date),
        "outlet_acc": statistics.mean(outlet),
        **{f"{field}_precision": statistics.mean(v) for field, v in given.items()},
        "pages": len(pages),
    }


@pytest.mark.parametrize(
    "metric",
    [
        *("body_f1", "headline_em", "date_acc", "outlet_acc", "author_acc", "language_acc"),
        *("headline_precision", "date_precision", "outlet_precision"),
    ],
)
def test_score_stays_above_its_floor(scores, metric):
    assert scores["pages"] == 20
    assert scores[metric] >= FLOORS[metric], f"{metric} {scores[metric]:.3f} < {FLOORS[metric]}"


def test_pages_in_any_script_are_cleaned_not_rejected():
    for name in ["gmw", "qq", "yahoo-4"]:  # Chinese and Japanese, written without spaces
        got = extract_fields((FIXTURES / name / "raw.txt").read_bytes(), name)
        gold = json.loads((FIXTURES / name / "gold.json").read_text(encoding="utf-8"))
        assert len(got["body"]) > 200
        assert token_f1(gold["body"], got["body"]) > 0.6, name


def test_scorer_can_fail():
    assert token_f1("a b c d", "a b c d") == 1.0
    assert token_f1("a b c d", "x y") == 0.0
    assert 0.0 < token_f1("a b c d", "a b") < 1.0


def test_a_byline_is_compared_as_its_list_of_names():
    assert author_key("By  Jane DOE and John Roe") == author_key("Jane Doe, John Roe")
    assert author_key("Alexandre Hervaud et Jérémy Piette") == "alexandre hervaud, jérémy piette"
    assert author_key("Jane Doe") != author_key("Jane Doe, John Roe")


_TOY_SCORER = """
import re
from collections import Counter


def tokens(text):
    return re.findall(r"\\w+", (text or "").lower())


def prf(gold, predicted):
    right = sum((gold & predicted).values())
    p = right / sum(predicted.values()) if predicted else 0.0
    r = right / sum(gold.values()) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def norm_headline(s):
    return " ".join((s or "").casefold().split())


norm_outlet = norm_headline


def days_apart(a, b):
    return 0 if a == b else 99
"""


def test_the_dev_set_gate_measures_a_set_and_names_each_figure_below_its_floor(tmp_path):
    from benchmarks.quality import gate_failures, gate_metrics

    scorer = tmp_path / "score.py"
    scorer.write_text(_TOY_SCORER, encoding="utf-8")
    golds = {
        "a": {"body": "one two three four", "headline": "Mali talks", "outlet": "Sahel Post",
              "date": "2013-01-15", "lang_guess": "en"},
        "b": {"body": "five six", "headline": "Aid arrives", "outlet": "Desert Times",
              "date": None, "lang_guess": "fr"},
    }  # fmt: skip
    for name, gold in golds.items():
        (tmp_path / "set" / name).mkdir(parents=True)
        (tmp_path / "set" / name / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    predictions = [
        {"id": "a", "body": "one two three four", "headline": "mali  TALKS",
         "outlet": "Wrong Name", "date": "2013-01-15"},
        {"id": "b", "body": "five seven", "headline": "Teaser", "outlet": None, "date": None},
    ]  # fmt: skip
    metrics = gate_metrics(tmp_path / "set", predictions, scorer)
    assert metrics["body_f1"] == pytest.approx((1.0 + 0.5) / 2)
    assert metrics["body_f1_english"] == pytest.approx(1.0)
    assert (metrics["headline_precision"], metrics["headline_recall"]) == (0.5, 0.5)
    assert (metrics["outlet_precision"], metrics["outlet_recall"]) == (0.0, 0.0)
    assert (metrics["date_precision"], metrics["date_recall"]) == (1.0, 1.0)
    assert metrics["wrong_block"] == 0.0
    floors = {"_comment": "ignored", "body_f1": 0.7, "headline_precision": 0.6,
              "wrong_block": 0, "author_recall": 0.1}  # fmt: skip
    assert gate_failures(metrics, floors) == [
        "author_recall: not measured on this set (pinned 0.1)",
        "headline_precision: 0.5000 below its floor 0.6",
    ]
    assert gate_failures({**metrics, "wrong_block": 2.0}, {"wrong_block": 1}) == [
        "wrong_block: 2 pages, at most 1"
    ]
    assert gate_failures(metrics, {"body_f1": 0.75, "date_recall": 1.0}) == []
