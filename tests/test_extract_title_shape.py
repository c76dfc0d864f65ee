from builder.doc import Line
from builder.extract.title_shape import _over_standfirst, _title_like


def test_in_a_script_without_spaces_a_word_or_a_sentence_is_no_title():
    assert _title_like(Line(1, "米朝首脳直通電話 習氏に挑むトランプ戦術の成否"))
    assert not _title_like(Line(1, "共有"))  # "share", a button
    assert not _title_like(Line(1, "保存した記事はスマホやタブレットでもご覧いただけます。"))


def test_a_line_that_runs_on_into_the_next_is_no_title():
    assert _title_like(Line(1, "Talks resume in New York"))
    for opening in ("New York CNN —", "New York (CNN) –", "Talks resume in New York -"):
        assert not _title_like(Line(1, opening))
    for label in ("Letters to the Editor |", "You can use AND, OR, NOT to refine your search:"):
        assert not _title_like(Line(1, label)), label
    assert _title_like(Line(1, "Mali: the road to Timbuktu"))


def test_a_line_opening_with_a_lowercase_connective_continues_another():
    for rest in ("from University of Michigan", "by the Associated Press", "and the war goes on"):
        assert not _title_like(Line(1, rest)), rest
    for title in ("From Gao to Timbuktu", "iPhone sales fall in Mali", "fromage of the week"):
        assert _title_like(Line(1, title)), title


def test_an_archives_month_is_no_title():
    for month in ("Juli 2012", "March 2015", "mars 2014"):
        assert not _title_like(Line(1, month)), month
    for title in ("Mali 2013", "Budget 2013"):
        assert _title_like(Line(1, title)), title


def test_a_table_of_contents_or_a_title_case_label_has_no_standfirst():
    lines = [
        Line(1, "Example 2: Amend again, locally"),
        Line(3, "Sharing with developers: code review"),  # the next entry, as long
        Line(5, "Foundation, From the Archives, Technology"),  # a label in title case
        Line(7, "Interactive maps, now in your language for all of the readers we have"),
    ]
    assert not _over_standfirst(lines, 0)
    assert not _over_standfirst(lines, 2)
    assert _over_standfirst([Line(1, lines[0].text), Line(3, lines[3].text)], 0)
    # A deck need be only a word longer than its headline.
    headline = Line(1, "Woman's body found on popular beach")
    assert _over_standfirst([headline, Line(3, "The woman's identity is not known, say police")], 0)
    assert not _over_standfirst([headline, Line(3, "Police have not named her")], 0)


def test_a_caption_closing_with_its_pictures_source_is_no_title():
    caption = "A new bill would require providers to store metadata for two years. Source: Supplied"
    assert not _title_like(Line(1, caption))
    assert not _title_like(Line(1, "Troops arrive in Gao on Monday. Picture: AFP"))
    assert not _title_like(Line(1, "Soldaten in Gao am Montag. Foto: dpa"))
    # A label with a colon inside a title is no credit.
    for title in (
        "Source of the Niger: a journey upriver",
        "In pictures: Mali votes in first round",
        "Photos: Floods hit Bamako",
        "Open source: Why Mali's coders share",
        "Why rain is the Sahel's main water source: explained",
        "Regional force plans deployment of troops to the north",
    ):
        assert _title_like(Line(1, title)), title
