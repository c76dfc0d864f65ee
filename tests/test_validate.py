import numpy as np
import pytest

from builder import jit
from builder.doc import Rejection, RejectReason
from builder.model import Article
from builder.validate import _feature_counts, _language_identifier, validate
from tests.helpers import PROSE, cleaned


def test_validate_assembles_a_record_with_removed_lines():
    doc = cleaned("\n\n".join(["Skip to content", "Mali plan agreed", *PROSE]))
    article = validate(doc)
    assert isinstance(article, Article)
    assert article.body == "\n\n".join(PROSE)
    assert article.word_count == sum(len(p.split()) for p in PROSE)
    assert [(r.line_no, r.reason) for r in article.removed_lines] == [
        (1, "boilerplate"),
        (3, "headline"),
    ]


def test_no_body_is_rejected():
    doc = cleaned("Share\nTweet\nSubscribe")
    result = validate(doc)
    assert isinstance(result, Rejection) and result.reason is RejectReason.no_article


def test_language_is_detected_or_left_null():
    from builder.validate import detect_language

    assert detect_language(" ".join(PROSE)) == "en"
    french = "Les députés ont adopté à une large majorité le projet de loi sur le renseignement."
    assert detect_language(french) == "fr"
    import json

    from tests.conftest import REPO

    gold = json.loads((REPO / "tests/fixtures/devset/gmw/gold.json").read_text(encoding="utf-8"))
    assert detect_language(gold["body"][:400]) == "zh"
    assert detect_language("12 34") is None


@pytest.mark.xdist_group("compiled")  # with the other tests that compile (test_jit)
@pytest.mark.usefixtures("compiled_kernels")
def test_compiled_language_walk_scores_as_py3langid_does():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    stock = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    texts = [
        *PROSE,
        "Les forces françaises sont entrées à Tombouctou samedi, selon l'armée.",
        "Die Regierung in Bamako bat um internationale Unterstützung.",
        "马里危机持续发酵，各方呼吁和平。",
        "مالي: القوات الفرنسية تدخل تمبكتو",
        "",
        "12 34",
    ]
    with jit.interpreted(False):
        for text in texts:
            assert _language_identifier().classify(text) == stock.classify(text), text


@pytest.mark.xdist_group("compiled")
@pytest.mark.usefixtures("compiled_kernels")
def test_language_walk_counts_features_in_the_order_py3langid_first_sees_them():
    from py3langid.langid import visit_counts

    identifier = _language_identifier()
    identifier.classify("warm")  # the walk's tables are built on the first text
    tables = identifier._walk_tables
    texts = [
        *PROSE,
        "Les forces françaises sont entrées à Tombouctou.",
        "马里危机持续发酵",
        "a a a",
    ]
    with jit.interpreted(False):
        for text in texts:
            data = text.encode()
            features, counts = _feature_counts(*tables, np.frombuffer(data, dtype=np.uint8))
            stock = visit_counts(*tables[:3], data)
            assert list(zip(features.tolist(), counts.tolist(), strict=True)) == list(
                stock.items()
            ), text
