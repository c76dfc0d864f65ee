from tests.helpers import PROSE, cleaned, reasons


def test_agency_credited_by_the_byline_or_the_stamp_not_by_a_photo_or_a_quote():
    def agency_of(*lines: str):
        meta = cleaned("\n\n".join(["Mali talks resume in Algiers", *lines, *PROSE])).meta
        return meta["agency"], meta["agency_source"]

    assert agency_of("By Jane Doe, Associated Press") == ("AP", "text:byline")
    assert agency_of("By JANE DOE", "Associated Press") == ("AP", "text:byline")  # under it
    assert agency_of("Associated Press") == (None, None)  # alone: no byline it belongs to
    assert agency_of("AFP 30 avril 2015 à 07:19") == ("AFP", "text:stamp")
    assert agency_of("BAMAKO (Reuters) - " + PROSE[0]) == ("Reuters", "text:dateline")
    assert agency_of("Photo: Ali Keita/AFP", "March 3, 2013") == (None, None)
    assert agency_of("AFP/Getty Images 3 March 2013") == (None, None)
    quoted = "Witnesses told AFP on March 3, 2013 that troops had arrived in the town overnight."
    assert agency_of(quoted) == (None, None)


def test_a_wire_reporters_credit_without_by_names_author_and_agency():
    for credit, agency in [
        ("Jane Doe, Reuters", "Reuters"),
        ("Jane Doe | AFP", "AFP"),
        ("Jane Doe (Associated Press)", "AP"),
    ]:
        page = "\n\n".join(["Mali talks resume in Algiers", credit, "January 12, 2013", *PROSE])
        doc = cleaned(page)
        assert (doc.meta["author"], doc.meta["agency"]) == ("Jane Doe", agency), credit
        assert reasons(doc)[credit] == "byline"
    # A section over a wire story, a photo's credit, or an agency alone credit no reporter.
    for line in ("World News | Reuters", "Jane Doe/AFP", "Reuters, AFP"):
        page = "\n\n".join(["Mali talks resume in Algiers", line, "January 12, 2013", *PROSE])
        assert cleaned(page).meta["author"] is None, line
