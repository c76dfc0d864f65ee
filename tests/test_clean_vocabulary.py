from builder.clean import clean
from builder.clean.vocabulary import CHROME_PHRASES, CONTINUES_BELOW, SECTION_END, TEASER_BOX
from tests.helpers import (
    LATER_PROSE,
    MORE_PROSE,
    OTHER_STORIES,
    PROSE,
    cleaned,
    doc_from_text,
    reasons,
)


def test_chrome_phrases_are_followed_as_the_scan_assumes():
    # The scan follows one phrase at a time: no phrase may open another, and a word inside a
    # phrase may not open one.
    starts = {phrase[0] for phrase in CHROME_PHRASES}
    for phrase in CHROME_PHRASES:
        assert 2 <= len(phrase) <= 4
        assert not set(phrase[1:-1]) & starts, phrase
        for other in CHROME_PHRASES:
            assert other == phrase or other[: len(phrase)] != phrase, (phrase, other)


def test_headers_of_what_follows_in_scripts_without_spaces_end_the_article():
    # Other stories' titles, long enough in characters to outweigh the cost of fragments.
    titles = [
        "金正恩氏が訪中、習国家主席と会談 中国国営メディアが報道する見通しとなった",
        "日本がコロンビアから金星、アジア勢はW杯史上初めて南米チームに勝利した",
        "新华全媒头条丨黄河流域文物保护传承观察与思考系列报道之一",
    ]
    article = [*PROSE, *MORE_PROSE, *LATER_PROSE]
    headers = (
        "あわせて読みたい",
        "阅读下一篇：",
        "推荐阅读",
        "あなたにおすすめの記事",
        "本日の主要記事",
    )
    for header in (*headers, "新着記事", "相关推荐", "最新文章", "많이 본 뉴스", "인기 기사"):
        doc = cleaned("\n".join([*article, header, *titles]))
        assert [line.text for line in doc.lines if line.kept] == article, header


def test_headers_of_what_follows_in_many_languages_end_the_article():
    article = [*PROSE, *MORE_PROSE, *LATER_PROSE]
    headers = ["Leggi anche", "Читайте также:", "Baca juga", "اقرأ أيضا", "관련기사"]
    headers += ["यह भी पढ़ें", "Das könnte Sie auch interessieren", "Noticias relacionadas"]
    headers += ["Raccomandati per te", "Weitere interessante Themen", "Pour approfondir"]
    headers += ["La rédaction vous conseille :", "Article suivant", "Explore further"]
    headers += ["Keep Reading 🚀", "More Related to this Story", "Watch latest videos"]
    headers += ["Más información", "Die beliebtesten Produkte", "Diesen Artikel empfehlen:"]
    headers += ["Kļūda rakstā?", "Lea también", "Reporte un error", "Deixe sua opinião"]
    headers += ["Enviá tu comentario", "Las más leídas", "As mais lidas agora", "Redaktionstipp"]
    headers += ["Más sobre Conflicto mapuche", "您可能會有興趣的文章", "Auch interessant für dich"]
    headers += ["Themen in diesem Artikel", "Teile diesen Beitrag!", "Recent Posts"]
    headers += ["Related Video", "Support independent journalism", "Donate Now"]
    headers += ["Apoya el periodismo incómodo", "Nuestro equipo te necesita", "Become a member"]
    headers += ["Newer Post Older Post Home", "Older Post → Home"]
    headers += ["More by Jane Doe", "In this section", "Want more stuff like this?"]
    headers += ["Love this? Want more?"]
    for header in headers:
        doc = cleaned("\n".join([*article, header, *OTHER_STORIES]))
        assert [line.text for line in doc.lines if line.kept] == article, header
        assert reasons(doc)[header] == "boilerplate", header


def test_a_box_of_sponsored_or_paid_partner_stories_ends_the_article():
    # Advertisers' teasers, written as sentences: they read as prose.
    paid = [
        "This site finds and compares three financial advisors in your area for free.",
        "Answer these questions to find the right financial advisor for you and your family.",
        "Transferring your balance to a card with no interest for fourteen months is ingenious.",
    ]
    article = [*PROSE, *MORE_PROSE, *LATER_PROSE]
    for header in ("Sponsored Articles", "Paid Partner", "Sponsored", "Promoted Content"):
        doc = cleaned("\n".join([*article, header, *paid]))
        assert [line.text for line in doc.lines if line.kept] == article, header
    # An advertisement's label inside the article is a box it goes on past.
    doc = cleaned("\n".join(["Mali talks resume in Algiers", *PROSE, "Sponsored", *MORE_PROSE]))
    assert [line.text for line in doc.lines if line.kept] == [*PROSE, *MORE_PROSE]


def test_a_box_of_what_to_read_next_or_about_the_author_ends_the_article():
    article = [*PROSE, *MORE_PROSE, *LATER_PROSE]
    headers = ["Read This Next", "You may also want to check these out:", "ABOUT THE AUTHOR"]
    headers += ["More articles by Jane Doe", "Discussion about this post", "Articles liés"]
    headers += ["Derniers articles de la thématique « Sahel »", "Related Topics", "Load comments"]
    headers += ["View/Post Comments", "Leave a Reply Cancel reply", "Post navigation", "Next story"]
    headers += ["Promoted Stories", "Around the Web", "Suggest a correction", "Report an error"]
    headers += ["Tagged:", "Etiquetas", "Temas", "Tematy", "Powiązane tematy", "Top Stories"]
    headers += ["More like this", "Comments are closed.", "Powered by Livefyre", "Komentarze"]
    headers += ["Últimas noticias", "Mais recentes", "Najnowsze", "Next article", "Most recent"]
    headers += ["Articles en relation", "Polecamy", "Najpopularniejsze", "5 thoughts on “Mali”"]
    headers += ["6 Comments on Interactive maps, now in your language", "12 Responses to Gao"]
    headers += ["Das könnte dir auch gefallen", "Das könnte Ihnen auch gefallen"]
    for header in headers:
        doc = cleaned("\n".join([*article, header, *OTHER_STORIES]))
        assert [line.text for line in doc.lines if line.kept] == article, header
        assert reasons(doc)[header] == "boilerplate", header
    # Opening a sentence, the same words are prose.
    sentences = [
        "Thoughts on the budget",
        "About the author of the report, little is known in Bamako or in Gao.",
        "Read this next year's budget line by line and the cuts in the north show.",
    ]
    for sentence in sentences:
        assert not SECTION_END.match(sentence)


def test_a_list_of_the_latest_stories_after_the_article_is_no_part_of_it():
    doc = cleaned("\n".join(["Home", *PROSE, *MORE_PROSE, "Latest News", *OTHER_STORIES]))
    assert [line.text for line in doc.lines if line.kept] == PROSE + MORE_PROSE
    assert SECTION_END.match("Trending Stories") and TEASER_BOX.match("Trending Stories")


def test_a_next_up_header_ends_the_article():
    teasers = [
        "The regional force chief is only two days from Gao It is a good sign for a mission with "
        "fairly modern kit and few troops",
        "The aid convoy to Timbuktu is cheaper than ever Under $1K a tonne for the first time, "
        "plus other news from the north",
        "At 299 trucks, the convoy to Gao is this week's biggest This count beats what we saw in "
        "the spring and the summer",
        "Here are our favourite pictures from the Bamako talks These reader-chosen images are "
        "wrapping up, but not without one last look",
    ]
    for header in ("Next Up In World", "Next up", "What to Read Next"):
        page = ["Home", *PROSE, header, "Mali", *teasers, "More in Mali", "Sign up"]
        doc = clean(doc_from_text("\n".join(page)))
        assert [line.text for line in doc.lines if line.kept] == PROSE, header


def test_a_call_to_comment_ends_the_article():
    policy = [
        "Normas de uso y aviso legal",
        "El contenido de los comentarios es la opinión de los usuarios y no la de este diario.",
        "No está permitido verter comentarios contrarios a las leyes o lesivos a terceros.",
        "El diario se reserva el derecho de eliminar cualquier comentario inapropiado.",
        "Recuerde que usted es responsable de todo lo que escribe en este espacio de debate.",
    ]
    for call in ("Comentar", "Kommentar schreiben", "Write a comment"):
        doc = clean(doc_from_text("\n".join(["Home", *PROSE, call, *policy])))
        assert [line.text for line in doc.lines if line.kept] == PROSE, call
    # "Comment" alone is as often a table's column as a button: it ends nothing.
    table = [
        "Home",
        *PROSE[:2],
        "Field",
        "Comment",
        "new",
        "Timestamp of the next trigger",
        *PROSE[2:],
    ]
    doc = clean(doc_from_text("\n".join(table)))
    assert [line.text for line in doc.lines if line.kept and line.text in PROSE] == PROSE


def test_a_note_that_the_story_continues_is_told_from_a_sentence_saying_so():
    notes = ["Story continues below advertisement", "Advertisement - story continues below"]
    notes += ["Continue reading below...", "The article continues after this ad"]
    assert [bool(CONTINUES_BELOW.match(note)) for note in notes] == [True] * 4
    sentences = [
        "How do you make sure it continues after you?",
        "The story continues below the fold of the newspaper.",
    ]
    assert [bool(CONTINUES_BELOW.match(text)) for text in sentences] == [False, False]


def test_a_header_over_the_authors_bio_ends_the_article_in_several_languages():
    bio = "Jane Doe has covered the Sahel for the Times since 2010 and lives in Bamako."
    for header in ("About the writer", "Über den Autor", "Sobre el autor", "À propos de l'auteur"):
        assert SECTION_END.match(header), header
        doc = clean(doc_from_text("\n".join(["Home", *PROSE, header, bio])))
        assert [line.text for line in doc.lines if line.kept] == PROSE, header


def test_links_to_a_sites_standards_and_corrections_are_chrome():
    footers = [
        "JOURNALISTIC STANDARDS REPORT AN ERROR",
        "Submit Correction View Editorial Guidelines",
    ]
    for footer in footers:
        doc = cleaned("\n".join(["Home", *PROSE, footer, *MORE_PROSE]))
        assert reasons(doc)[footer] == "boilerplate", footer
