import datetime as dt

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from builder.doc import Doc
from tests.helpers import PROSE, cleaned, doc_from_text


def test_headline_skips_byline_block_and_reads_dateline():
    page = "\n\n".join(
        [
            "Site Press Service",
            "Mali talks resume in Algiers",
            "By Jane Doe\nSite Press Service",
            "ALGIERS, March 3, 2013 – " + PROSE[0],
            *PROSE[1:],
        ]
    )
    meta = cleaned(page).meta
    assert meta["headline"] == "Mali talks resume in Algiers"
    assert meta["author"] == "Jane Doe"
    assert (meta["date"], meta["date_source"]) == (dt.date(2013, 3, 3), "text:dateline")
    assert (meta["outlet"], meta["outlet_source"]) == ("Site Press Service", "text:agency_line")
    assert (meta["dateline"], meta["dateline_source"]) == ("ALGIERS", "text:dateline")


def test_no_evidence_gives_nulls():
    meta = cleaned("\n\n".join(["Mali talks resume", *PROSE])).meta
    assert meta["date"] is None and meta["date_source"] is None
    assert meta["outlet"] is None and meta["outlet_source"] is None
    assert meta["author"] is None


_CUES = st.sampled_from(
    [
        "By Jane Doe",
        "Posted on March 3, 2013 by Amadou Diallo Keita",
        "© 2013 Sahel Times Inc. All rights reserved.",
        "Follow Bamako Daily on Twitter",
        "Subscribe to the Niger Wire newsletter",
        "Photo: Ali Traore/Gao Herald",
        "Home > World > Africa",
        "Published: 3 January 2013",
        "Jane Doe - Apr 16, 2015",
        "Mali talks resume in Algiers - Sahel Times",
        "Mali talks resume in Algiers",
        "— Jane Doe (@jane) August 22, 2013",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_CUES, st.sampled_from(PROSE), st.text(max_size=60)), max_size=25))
def test_every_metadata_value_is_read_from_the_page(lines):
    # Nothing is invented: each value is a piece of the page's own (whitespace-collapsed) text.
    page = "\n\n".join([*lines, PROSE[0]])
    decoded = doc_from_text(page)
    assume(isinstance(decoded, Doc))  # a page decode rejects has no metadata
    text = " ".join(line.text for line in decoded.lines)
    meta = cleaned(page).meta
    for field in ("headline", "outlet", "author", "dateline"):
        value = meta[field]
        assert value is None or value in text, (field, value)
        assert (value is None) == (meta[f"{field}_source"] is None), field
