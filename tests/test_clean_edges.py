from builder.clean import clean
from tests.helpers import (
    MORE_PROSE,
    OTHER_STORIES,
    PROSE,
    cleaned,
    cleaned_body,
    doc_from_text,
    kept_amid_prose,
    reasons,
)


def test_an_article_closing_on_the_list_its_sentence_introduces_keeps_the_list():
    intro = (
        "Here is the council's calendar of the events expected in Bamako and Gao next month, "
        "with the host and the number of guests:"
    )
    events = [
        f"Jan. {day}-{day + 2}: {host}, {name}, Hotel de l'Amitié - Bamako, {guests}"
        for day, host, name, guests in (
            (3, "Chamber of Commerce", "Sahel Business Forum (January 2013)", 200),
            (9, "Cotton Growers' Union", "Regional Growers' Winter Meeting 2013", 450),
            (15, "Teachers' Federation", "West African Teachers' Congress 2013", 300),
            (21, "Niger Basin Authority", "Annual Summit of the River States", 120),
        )
    ]
    article = [*PROSE, *MORE_PROSE, intro, *events]
    doc = cleaned("\n".join(["Home", *article, "Related Stories", "About Us"]))
    assert [line.text for line in doc.lines if line.kept] == article
    # Under a header (a phrase), the same lines are titles of other stories.
    header = "Our editors recommend:"
    doc = cleaned("\n".join(["Home", *PROSE, *MORE_PROSE, header, *OTHER_STORIES]))
    assert [line.text for line in doc.lines if line.kept] == PROSE + MORE_PROSE


def test_titles_closing_the_article_under_a_header_of_any_language_are_other_stories():
    article = [*PROSE, *MORE_PROSE]
    doc = cleaned("\n".join(["Home", *article, "Saistītie raksti", *OTHER_STORIES]))
    assert [line.text for line in doc.lines if line.kept] == article
    assert reasons(doc)[OTHER_STORIES[0]] == "outside_article"
    # A list's items may close an article.
    items = [
        "- Two tents, a water filter and the maps of the north for the convoy",
        "- Enough grain for the families of Gao to last until the next harvest",
        "- Radios for the teachers who return to the schools of Timbuktu this term",
    ]
    doc = cleaned("\n".join(["Home", *article, *items]))
    assert [line.text for line in doc.lines if line.kept] == article + items


def test_prompts_to_sign_up_or_give_at_the_articles_edges_are_left_out():
    above = "You can find this story in My Bookmarks. Or by navigating to the user icon."
    below = [
        "Never miss the latest news from the Sahel Times. Sign up for our newsletters to get "
        "today's top stories delivered to your inbox.",
        "Make your contribution now and help the Sahel Times thrive in 2013. Donate today",
        "Turn on notifications to receive alerts as stories develop. You can manage alerts in "
        "your app's settings.",
    ]
    page = "\n".join(["Mali talks resume in Algiers", above, *PROSE, *below])
    assert cleaned_body(page) == PROSE
    got = reasons(cleaned(page))
    assert [got[line] for line in [above, *below]] == ["outside_article"] * 4
    # Inside the article, a sentence that speaks of subscribers is the article's.
    quoted = (
        "You can subscribe to the radio's bulletins by text message, the minister told the "
        "farmers of Mopti, and thousands did so in the first week."
    )
    assert kept_amid_prose(quoted)


def test_an_authors_bio_closing_the_article_is_left_out_as_a_byline():
    for name, bio in (
        (
            "Madison Weil",
            "Madison Weil joined the Sahel Courier team in 2019 after a decade in radio.",
        ),
        (
            "Jake Goulding",
            "Jake is the co-founder of a consultancy and writes about the Sahel often.",
        ),
        ("Marla Milling", "I am a full-time freelance writer in Bamako and write about trade."),
    ):
        doc = clean(doc_from_text("\n".join(["Home", *PROSE, name, bio])))
        assert [line.text for line in doc.lines if line.kept] == PROSE, name
        assert reasons(doc)[name] == reasons(doc)[bio] == "byline"


def test_a_heading_over_its_paragraph_is_no_authors_bio():
    for heading, paragraph in (
        ("List Comprehensions", "List comprehensions are a way to build a list from another one."),
        ("Our Programs", "Our work spans a variety of areas and partners across the whole region."),
        ("Web Standards", "Web standards are important, and this site adheres to them as it can."),
    ):
        doc = clean(doc_from_text("\n".join(["Home", *PROSE, heading, paragraph])))
        assert paragraph in [line.text for line in doc.lines if line.kept], heading


def test_a_run_of_other_stories_titles_opening_the_article_is_left_out():
    titles = [
        "Tim Scott finally reveals his mystery girlfriend at the third Republican debate in Miami",
        "GOP presidential candidates divided on the federal government's role in abortion limits",
        "Republican debate verdict: an impressive Haley shines while a stupid Vivek self-destructs",
    ]
    doc = clean(doc_from_text("\n\n".join(["Home", *titles, *PROSE])))
    assert [line.text for line in doc.lines if line.kept] == PROSE
    assert [reasons(doc)[title] for title in titles] == ["outside_article"] * 3
    # An abbreviation's full stop ends no sentence inside a title.
    abbreviated = [
        *titles[:2],
        "Maryland Gov. Hogan issues new restrictions on travel to fight Ebola",
    ]
    doc = clean(doc_from_text("\n\n".join(["Home", *abbreviated, *PROSE])))
    assert [line.text for line in doc.lines if line.kept] == PROSE
    # A paragraph wrapped into lines is no run of titles, nor is a caption.
    wrapped = [
        "Advice shipped as part of the editor in its version 19. A few weeks later, a",
        "colleague at work wrote up a simple example that added",
        "a before advice to the check-in functions of the time to create",
    ]
    doc = clean(doc_from_text("\n\n".join(["Home", *wrapped, *PROSE])))
    assert [line.text for line in doc.lines if line.kept][:3] == wrapped
