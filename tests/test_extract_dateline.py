from tests.helpers import PROSE, cleaned


def test_a_dateline_may_open_a_paragraph_under_a_kept_caption_if_its_place_is_in_capitals():
    def dateline_of(*paragraphs: str):
        meta = cleaned("\n\n".join(["Mali talks resume in Algiers", *paragraphs])).meta
        return meta["dateline"]

    caption = "Soldiers patrol a street of Gao on Monday, after the town was retaken last week."
    assert dateline_of(caption, "GAO (AFP) — " + PROSE[0], *PROSE[1:]) == "GAO"
    assert dateline_of(caption, "Monday — " + PROSE[0], *PROSE[1:]) is None
    assert dateline_of("UPDATE — " + PROSE[0], *PROSE[1:]) is None
    assert dateline_of("Gao - " + PROSE[0], *PROSE[1:]) == "Gao"
