from builder.clean.rules import scan_lines
from builder.clean.text import is_prose, lists_names, names_a_person_first, word_count
from tests.helpers import PROSE, read_byline


def test_word_count_handles_scripts_without_spaces():
    assert word_count("three plain words") == 3
    assert word_count("马里危机持续发酵各方呼吁和平") == 1 + 14 // 2


def test_prose_needs_words_and_a_sentence_end():
    assert is_prose(PROSE[0], word_count(PROSE[0]))
    assert not is_prose("Related stories about the Mali crisis and more", 9)
    assert is_prose("“He said the plan would work soon enough, officials noted.”", 10)


def test_a_long_line_of_capitalised_names_is_a_menu_unless_it_ends_as_a_sentence():
    menu = (
        "Focus Best of the Web Puppet Masters Secret History Science & Technology Earth Changes "
        "Fire in the Sky Health & Wellness Science of the Spirit High Strangeness Don't Panic! "
        "Picture of the Day Quote of the Day Archive"
    )
    assert not is_prose(menu, word_count(menu))
    assert not scan_lines([menu]).prose[0]
    shouted = menu + " Lighten Up!"  # a menu item that exclaims is no sentence's end
    assert not is_prose(shouted, word_count(shouted)) and not scan_lines([shouted]).prose[0]
    names = (
        "Officials from Mali, Niger, Chad, Burkina Faso, Mauritania, Senegal, Guinea, Ivory "
        "Coast, Ghana, Togo, Benin, Nigeria, Cameroon and Gabon met in the capital Abuja on Monday."
    )
    assert is_prose(names, word_count(names)) and scan_lines([names]).prose[0]


def test_sentences_end_with_the_full_stops_of_many_scripts():
    hindi = "सरकार ने कहा कि उत्तर में शांति वार्ता अगले सप्ताह फिर से शुरू होगी।"
    burmese = "တရားခွင်မှာ တရားသူကြီးက အာမခံပေးခဲ့တယ် လို့ ရှေ့နေ ဦးကြီးမြင့် က ပြောပါတယ်။"
    for text in (hindi, burmese):
        assert is_prose(text, word_count(text)), text
        assert not is_prose(text[:-1], word_count(text)), text  # without its stop: a fragment
    # A long line of them is sentences, not a word list.
    long_line = " ".join([hindi] * 4)
    assert is_prose(long_line, word_count(long_line))


def test_a_list_of_names_is_a_byline_but_a_list_of_other_words_is_not():
    assert lists_names("Steven Lee Myers, Keith Bradsher and Tariq Panja".split())
    assert lists_names("Jane Doe and John Roe".split())
    assert not lists_names("Jane Doe".split())  # one name: the plain byline rule's
    assert not lists_names("Politics, World and Tech".split())  # one-word sections
    assert not lists_names("Jane Doe, Senior Editor of the paper".split())
    assert not lists_names("Design, Not by Accident".split())
    # Names rendered one link each, and a serial comma.
    assert lists_names("Marcus Bensmann , Justus von Daniels , Ulrich Stoll".split())
    assert lists_names("Dana A. Ford , James S.A. Corey, Chien-Ming Wang, and Tom Watkins".split())


def test_a_byline_may_give_the_authors_role_after_a_comma():
    role = "By Jane Doe, Senior Correspondent covering the Sahel from Bamako"
    assert read_byline(role) == ("byline", "Jane Doe", "Mali talks resume in Algiers")
    # A comma after one word closes no name: a clause or a title, kept as it reads.
    assert not names_a_person_first("Monday, the troops had left Gao for good".split())
    assert not names_a_person_first("Design, Not by Accident".split())
    assert names_a_person_first("Jane Doe, Senior Editor".split())
