import pytest

from builder.extract import name_opening
from tests.conftest import REPO
from tests.helpers import read_byline


def test_name_opening_stops_at_dates_titles_and_handles():
    assert name_opening("Laura June Topolsky July 10, 2015") == "Laura June Topolsky"
    assert name_opening("Erin Cunningham March 18 at 4:37 PM") == "Erin Cunningham"
    assert name_opening("Daniel Kahn Gillmor, Senior Staff Technologist") == "Daniel Kahn Gillmor"
    assert name_opening("Ahiza Garcia @ahiza_garcia February 1, 2016") == "Ahiza Garcia"
    assert name_opening("Stella Kim and Jennifer Jett") == "Stella Kim and Jennifer Jett"
    assert name_opening("Ludwig van Beethoven") == "Ludwig van Beethoven"
    # A surname before a day-first date is not a month ("Nolan 22" is not "March 22").
    assert name_opening("Lucas Nolan 22 Dec 2016 651") == "Lucas Nolan"
    assert name_opening("Jane Doe July 10") == "Jane Doe"
    assert name_opening("the staff") is None
    # A credit names the outlet after a slash; a quoted nickname is part of the name.
    assert name_opening("Amanda Tan/ONE Esports") == "Amanda Tan"
    assert name_opening('Amanda "Tania Mae" Tan November 19, 2023') == 'Amanda "Tania Mae" Tan'
    assert name_opening("Jane “JD” Doe") == "Jane “JD” Doe"
    assert name_opening('Jane "the" Doe') == "Jane"


def test_a_name_stops_at_a_glued_handle_or_a_stamp_word():
    assert name_opening("Jon Porter@JonPorty Sep 3, 2019") == "Jon Porter"
    assert name_opening("Diane Buckstegge Veröffentlicht am 12.03.2019") == "Diane Buckstegge"
    assert name_opening("Jane Doe Updated March 3") == "Jane Doe"


def test_a_byline_may_list_co_authors_with_commas():
    byline = "Por Steven Lee Myers, Keith Bradsher y Tariq Panja"
    authors = "Steven Lee Myers, Keith Bradsher y Tariq Panja"
    assert read_byline(byline) == ("byline", authors, "Mali talks resume in Algiers")
    assert (
        name_opening("Jane Doe, John Roe and Ann Poe, Reuters") == "Jane Doe, John Roe and Ann Poe"
    )
    # A comma before a title, or before words that are not names of two to four words, ends it.
    assert name_opening("Jane Doe, Senior Editor") == "Jane Doe"
    assert name_opening("Jane Doe, Senior Editor and Columnist") == "Jane Doe"
    assert name_opening("Jane Doe, Senior Editor, John Roe and Ann Poe") == "Jane Doe"
    assert name_opening("Jane Doe, John Roe and Chief Editor") == "Jane Doe"
    affiliation = (
        "Daniel Kahn Gillmor, Senior Staff Technologist, ACLU Speech, Privacy, and Technology"
    )
    assert name_opening(affiliation) == "Daniel Kahn Gillmor"
    assert name_opening("Jane Doe, Bamako, John Roe and Ann Poe") == "Jane Doe"
    assert (
        name_opening("Jane Doe, Senior Editor and Chief Correspondent of the paper") == "Jane Doe"
    )
    serial = "Dana A. Ford , James S.A. Corey, Chien-Ming Wang, and Tom Watkins, CNN"
    assert (
        name_opening(serial) == "Dana A. Ford, James S.A. Corey, Chien-Ming Wang, and Tom Watkins"
    )


def test_candidate_weights_come_from_the_fitted_file_and_a_wrong_file_is_named(
    tmp_path, monkeypatch
):
    import json

    from builder.doc import BuildError
    from builder.extract import HEADLINE_WEIGHTS, OUTLET_WEIGHTS, shared
    from builder.extract.headline import HEADLINE_FEATURES, HEADLINE_TERMS
    from builder.extract.outlet import OUTLET_FEATURES

    model = json.loads(shared.CHOICE_MODEL_FILE.read_text(encoding="utf-8"))
    assert model["headline"]["weights"] == HEADLINE_WEIGHTS
    assert list(HEADLINE_WEIGHTS) == list(HEADLINE_TERMS)
    # Every feature, then the product of every pair of them (a feature with itself too).
    features = len(HEADLINE_FEATURES)
    assert len(HEADLINE_TERMS) == features + features * (features + 1) // 2
    assert "length*in_article" in HEADLINE_TERMS
    assert model["outlet"]["weights"] == OUTLET_WEIGHTS
    assert list(OUTLET_WEIGHTS) == list(OUTLET_FEATURES)
    assert model["headline"]["fit"]["right"]["cross_validated"] > 0

    broken = tmp_path / "choice_model.json"
    del model["outlet"]["weights"]["url_host"]
    broken.write_text(json.dumps(model), encoding="utf-8")
    monkeypatch.setattr(shared, "CHOICE_MODEL_FILE", broken)
    shared.choice_weights.cache_clear()
    try:
        with pytest.raises(
            BuildError,
            match=r"choice_model\.json: the outlet weights lack url_host and name unknown nothing",
        ):
            shared.choice_weights("outlet", tuple(OUTLET_FEATURES))
        # A refit (benchmarks/fit_weights.py sets the switch) loads the missing term as zero.
        monkeypatch.setenv(shared.REFIT_ENV, "1")
        shared.choice_weights.cache_clear()
        refitting = shared.choice_weights("outlet", tuple(OUTLET_FEATURES))
        assert refitting["url_host"] == 0.0
        assert refitting["title_suffix"] == OUTLET_WEIGHTS["title_suffix"]
        switch = f'os.environ["{shared.REFIT_ENV}"] = "1"'
        assert switch in (REPO / "benchmarks" / "fit_weights.py").read_text(encoding="utf-8")
        monkeypatch.delenv(shared.REFIT_ENV)
        shared.choice_weights.cache_clear()
        broken.write_text("{", encoding="utf-8")
        with pytest.raises(BuildError, match=r"choice_model\.json: cannot read the headline"):
            shared.choice_weights("headline", tuple(HEADLINE_FEATURES))
    finally:
        shared.choice_weights.cache_clear()


def test_a_refit_rounds_each_weight_and_keeps_one_the_pages_never_show():
    import numpy as np

    from benchmarks import fit_weights

    data = [
        (np.array([[1.0, 0.0, 0.0], [0.0, 2.0, 0.0]]), np.array([True, False]), "a.example"),
        (np.array([[0.5, 1.0, 0.0]]), np.array([True]), "b.example"),
    ]
    names = ["length", "noise", "url_host"]
    shipped = {"length": 3.0, "noise": -1.0, "url_host": 2.2}
    entry = fit_weights.model_entry(
        names, np.array([1.264, -0.004, 0.0]), shipped, data, {"pages_with_gold": 2}
    )
    assert entry["weights"] == {"length": 1.26, "noise": 0.0, "url_host": 2.2}
    assert str(entry["weights"]["noise"]) == "0.0"
    assert entry["fit"] == {"pages_with_gold": 2, "kept_without_evidence": ["url_host"]}
    # The folds are a function of the site alone.
    assert fit_weights.fold_of(["a.example", "b.example"], 5) == fit_weights.fold_of(
        ["b.example", "a.example"], 5
    )
