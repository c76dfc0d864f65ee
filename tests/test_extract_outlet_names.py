import re

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.extract.outlet_names import _clean_name, _name_key, _written_small
from tests.helpers import PROSE, cleaned


def test_a_name_the_page_also_writes_in_small_letters_is_a_common_word():
    text = "Sign up for Daily. Our daily newsletter, and BBC News on the hour."
    assert _written_small("Daily", text) is True
    assert _written_small("BBC", text) is False
    assert _written_small("Dailymail", text) is False  # a word inside another is no match
    assert _written_small("daily", text) is False  # written small itself: the lowercase feature


@given(
    name=st.text(alphabet="AaBbß_1 -.", min_size=1, max_size=6),
    text=st.text(alphabet="aAbBß_1 -.@/", max_size=40),
)
@settings(max_examples=300, deadline=None)
def test_the_small_letters_scan_agrees_with_the_pattern(name, text):
    small = name.casefold()
    expected = small != name and re.search(rf"(?<!\w){re.escape(small)}(?!\w)", text) is not None
    assert _written_small(name, text) == expected


def test_a_copyright_names_the_outlet_without_its_legal_form():
    for name in ("Sahel Courier Pty Ltd", "Sahel Courier, Inc.", "Sahel Courier Sp. z o.o"):
        assert _clean_name(name) == "Sahel Courier", name
    assert _clean_name("The Sahel Courier DAC") == "Sahel Courier"  # an Irish company
    # Words ending as a legal form does, and a name that is spelled like one.
    for name in ("Empty Quarter", "Zinc", "Amadou Dac", "Sahel Pty Dacia"):
        assert _clean_name(name) == name


def test_a_footers_links_after_the_name_are_no_part_of_it():
    for name in ("Sahel Courier Do Not Sell My Personal Information", "Sahel Courier Do Not"):
        assert _clean_name(name) == "Sahel Courier", name


def test_a_rights_statement_goes_before_the_legal_form_and_a_name_keeps_its_own_words():
    assert _clean_name("Sahel Courier Ltd Copyright") == "Sahel Courier"
    assert _clean_name("Free For All") == "Free For All"  # "All" ends names too
    assert _clean_name("Les Droits") == "Les Droits"  # no statement without "réservés"

    def outlet_of(footer: str):
        return cleaned("\n\n".join(["Mali talks resume in Algiers", *PROSE, footer])).meta["outlet"]

    assert outlet_of("Copyright © 2017 Sahel Courier Ltd All rights reserved") == "Sahel Courier"
    assert outlet_of("© 2020 Free For All") == "Free For All"
    # A section's word is a journal's name in its own copyright line.
    assert outlet_of("© 2020 Science. All rights reserved.") == "Science"


def test_a_phrase_cut_short_and_a_person_with_an_initial_are_no_names():
    # A post's title stripped of its year ("Going mobile in 1998"), a signed picture.
    assert [_name_key(t) for t in ("Going mobile in 1998", "News from the")] == [None, None]
    assert [_name_key(t) for t in ("Marwan H. Adwan", "Awa T. Traoré-Diallo")] == [None, None]
    # Names that end in a capitalised word or hold a short title stay names.
    kept = ("Mail on Sunday", "St. Lucia Times", "heise online", "Sahel Times 2013")
    assert [_name_key(t) for t in kept] == [
        "Mail on Sunday",
        "St. Lucia Times",
        "heise online",
        "Sahel Times",
    ]
