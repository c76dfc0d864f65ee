from builder.clean import clean
from builder.clean.notices import FORM_NOTICE, is_consent_notice
from tests.helpers import (
    LATER_PROSE,
    MORE_PROSE,
    PROSE,
    cleaned,
    cleaned_body,
    doc_from_text,
    reasons,
)


def test_a_cookie_consent_notice_is_chrome_however_long_but_an_article_on_cookies_is_not():
    notice = (
        "We use cookies and similar technologies to improve your browsing experience, "
        "personalize content and offers, show targeted ads, analyze traffic, and better "
        "understand you, and we share data with our partners for these purposes."
    )
    doc = cleaned("\n".join(["Home", notice, "Sign in", *PROSE]))
    assert reasons(doc)[notice] == "boilerplate"
    french = "En poursuivant votre navigation sur ce site, vous acceptez l'utilisation de cookies."
    assert reasons(cleaned("\n".join([french, *PROSE])))[french] == "boilerplate"
    article = [
        "Cookies, or some form of tracking, are needed for things like shopping carts online.",
        "However, those cookies can easily be session cookies that expire when you leave.",
        *PROSE,
    ]
    assert cleaned_body("\n".join(["Home", *article])) == article
    # A page run into one huge line is not a notice, and is judged in linear time.
    assert not is_consent_notice("We use cookies to improve your visit. " * 100)
    assert is_consent_notice("We use cookies to improve your visit.")
    # A consent manager describes each category of its cookies in the site's voice, under
    # the article; an article says what cookies do in its own.
    categories = [
        "These cookies may be set through our site by our advertising partners. They may be "
        "used by those companies to build a profile of your interests.",
        "These cookies allow us to count visits and traffic sources so we can measure and "
        "improve the performance of our site.",
        "If you do not allow these cookies, you will experience less targeted advertising.",
    ]
    doc = cleaned("\n".join(["Mali talks resume in Algiers", *PROSE, *categories]))
    assert [reasons(doc)[text] for text in categories] == ["boilerplate"] * 3
    for told in (
        "These cookies track readers across sites, researchers said.",
        "These cookies, the baker told us, sold out by noon on the day of the feast.",
        "This cookie recipe is one we bake every year for the end of Ramadan.",
    ):
        assert not is_consent_notice(told), told


def test_a_forms_notices_inside_the_article_are_left_out_without_cutting_it():
    # A newsletter box between the article's paragraphs, as some sites print it thrice.
    box = [
        "Sorry, there seem to be some issues. Please try again later.",
        "This site is protected by reCAPTCHA and the Google Privacy Notice and Terms apply.",
        "By submitting your email address you agree to our Terms and Privacy Policy.",
        "CLICK HERE TO GET THE SAHEL COURIER APP",
        "Please enter a valid email address",
        "Thank you for signing up to Sahel Courier. You will receive a verification email.",
        "Submitting...",
        "You are using an older browser version. Please use a supported version.",
        "JavaScript is currently disabled in this browser. Reactivate it to view this content.",
    ]
    page = "\n".join(
        ["Mali talks resume in Algiers", *PROSE, *box, *MORE_PROSE, *box, *LATER_PROSE]
    )
    doc = cleaned(page)
    assert [line.text for line in doc.lines if line.kept] == [*PROSE, *MORE_PROSE, *LATER_PROSE]
    first = [line.reason.value for line in doc.lines if line.text in box][: len(box)]
    assert first == ["boilerplate"] * len(box)  # the second box's are copies of these
    for quoted in (
        "By submitting your application, officials said, you agree to be vetted by the army.",
        "Farmers in Mopti get the new weather app from the ministry this week.",
        "Thank you for signing up for the trial, the doctor told the volunteers in Gao.",
        "Submitting papers to the court took the lawyers of the junta three weeks.",
    ):
        assert FORM_NOTICE.match(quoted) is None, quoted  # an article's sentence


def test_what_a_player_an_ad_slot_or_an_affiliate_programme_says_is_left_out():
    said = [
        "This is a modal window. This modal can be closed by pressing the Escape key.",
        "Sorry, your browser doesn't support embedded videos.",
        "inRead invented by Teads",
        "Your browser does not support the video tag.",
        "Please be polite. It's OK to disagree with someone's ideas, but personal attacks, "
        "insults, threats and hate speech are not.",
        "We are a participant in the Amazon Services LLC Associates Program, an affiliate "
        "advertising program designed to provide a means for us to earn fees.",
    ]
    article = [*PROSE, *said[:2], *MORE_PROSE, *said[2:5], *LATER_PROSE, said[5]]
    doc = cleaned("\n".join(["Mali talks resume in Algiers", *article]))
    assert [line.text for line in doc.lines if line.kept] == [*PROSE, *MORE_PROSE, *LATER_PROSE]
    # A video player's caption settings, as its dialog lists them.
    settings = [
        "Beginning of dialog window. Escape will cancel and close the window.",
        "Text Edge Style None Raised Depressed Uniform Dropshadow",
        "Foreground --- White Black Red Green Blue Yellow Magenta Cyan --- Opaque Semi-Opaque",
        "Font Size 50% 75% 100% 125% 150% 175% 200% 300% 400%",
        "Font Family Default Monospace Serif Proportional Serif Monospace Sans-Serif",
        "Reset restore all settings to the default values Done",
        "End of dialog window.",
    ]
    doc = cleaned("\n".join(["Mali talks resume in Algiers", *PROSE, *settings, *MORE_PROSE]))
    assert [line.text for line in doc.lines if line.kept] == [*PROSE, *MORE_PROSE]
    sentence = "The font family of the new flag was chosen by the ministry of culture."
    assert FORM_NOTICE.match(sentence) is None
    told = "If your browser does not support the new rules, the ministry said, update it."
    assert FORM_NOTICE.match(told) is None


def test_a_site_pointing_to_its_other_editions_is_chrome_not_the_articles_opening():
    editions = [f"Did you know we have a {name} site?" for name in ("UK", "France", "Mali")]
    doc = cleaned("\n".join(["Mali talks resume in Algiers", *editions, *PROSE]))
    assert [line.text for line in doc.lines if line.kept] == PROSE
    asked = "Did you know we have a new president? Malians asked each other in Bamako."
    assert FORM_NOTICE.match(asked) is None


def test_a_forms_consent_to_processing_the_readers_data_is_chrome_not_the_article():
    form = [
        "Wyrażam zgodę na przetwarzanie moich danych osobowych przez Sahel24 Sp. z o.o. z "
        "siedzibą w Warszawie w celu przesyłania newslettera, zgodnie z polityką prywatności.",
        "Administratorem danych jest Sahel24 Sp. z o.o. Dane osobowe zbierane są wyłącznie w "
        "celu przesyłania newslettera i nie są przekazywane innym podmiotom.",
        "I agree to the processing of my personal data by Sahel Courier for the purpose of "
        "sending me its newsletter, as the privacy policy describes.",
    ]
    doc = cleaned("\n".join(["Newsletter", *form, "Mali talks resume in Algiers", *PROSE]))
    assert [reasons(doc)[line] for line in form] == ["boilerplate"] * 3
    assert cleaned_body("\n".join(["Newsletter", *form, "Mali talks", *PROSE])) == PROSE
    # Quoted inside an article's sentence, the words are the article's.
    quoted = (
        'The form reads "I agree to the processing of my personal data", and few readers of '
        "the site in Bamako ever open the policy it links to before they tick the box."
    )
    assert cleaned_body("\n".join(["Mali talks", quoted, *PROSE])) == [quoted, *PROSE]


def test_a_disclosure_that_the_sites_links_earn_it_money_is_left_out_at_the_edges():
    disclosures = [
        "All products recommended by Sahel Courier are selected by our editorial team. Some of "
        "our stories include affiliate links; we may earn a commission if you buy through them.",
        "Note to readers: if you purchase something through one of our links we may earn a "
        "commission.",
    ]
    doc = cleaned("\n".join(["Mali talks resume in Algiers", *PROSE, *disclosures]))
    assert [reasons(doc)[line] for line in disclosures] == ["outside_article"] * 2
    # An article's sentence about commissions, or about links, is the article's.
    reported = [
        "Traders in Mopti said the agents earn a commission on every sack of grain that leaves "
        "the port, and that the fees rose sharply this year.",
        "We found that bloggers in Bamako earn a commission on sales made through their links, "
        "said the report, which surveyed two hundred of them.",
    ]
    assert cleaned_body("\n".join(["Mali talks", *PROSE, reported[0]])) == [*PROSE, reported[0]]
    long_report = reported[1] + " " + " ".join(PROSE)  # a paragraph, not a notice
    assert cleaned_body("\n".join(["Mali talks", long_report])) == [long_report]


def test_readers_comments_signed_over_a_time_are_cut_with_their_header():
    comments = [
        "4 thoughts on “Regional force plans deployment”",
        "Jane Doe says:",
        "August 3, 2019 at 4:11 am",
        "Thanks for posting this, it is the clearest account of the talks I have read so far.",
        "Reply",
        "Moussa sagt:",
        "23. Juni 2016 um 17:21 Uhr",
        "I disagree with the officials quoted here, and the aid groups will be proved right.",
    ]
    doc = clean(doc_from_text("\n\n".join(["Mali talks resume", *PROSE, *comments])))
    assert [line.text for line in doc.lines if line.kept] == PROSE
    assert reasons(doc)["Jane Doe says:"] == "boilerplate"


def test_a_quote_an_article_introduces_with_says_is_kept():
    quoted = [
        "The minister says:",
        "“We will not leave the north to the armed groups, whatever it costs.”",
    ]
    page = [*PROSE[:2], *quoted, *PROSE[2:]]
    doc = clean(doc_from_text("\n\n".join(["Mali talks resume", *page])))
    assert [line.text for line in doc.lines if line.kept] == page
