"""Notices a site prints among its pages' text: cookie consent, disclosures, forms, comment
signatures and the site speaking to its reader."""

from __future__ import annotations

import re

import numpy as np

from builder.clean.codes import BOILERPLATE, KEPT

# A site saying it uses cookies ("We use cookies", "ce site utilise des cookies") shortly
# before the word, or asking to accept them ("… cookies. Accept") shortly after it.
_CONSENT_SUBJECT = re.compile(
    r"(?i)\b(?:we|this (?:web)?site|our (?:web)?site|nous|ce site|notre site|diese (?:web)?seite"
    r"|wir|este (?:sitio|site)|usamos|utilizamos|utilizza|deze (?:web)?site)\b"
)
_CONSENT_VERB = re.compile(
    r"(?i)\b(?:consent|accept|agree|acceptez|accepter|zustimm|akzept|aceptas|aceitar)"
)
CONSENT_REACH = 100  # characters, within the sentence, between "cookie" and the words above
CONSENT_MAX_CHARS = 2000


# A consent manager's description of a category of its cookies, in the site's voice: "These
# cookies allow us to count visits …", "These cookies may be set through our site by our
# advertising partners", "If you do not allow these cookies, …". The verbs say what the
# site's cookies do for it; a baker's cookies ("These cookies, the baker told us, …") do not.
_COOKIE_CATEGORY = re.compile(
    r"(?i)^\W*(?:(?:these|those) cookies (?:may be set|are set|allow us|help us|"
    r"enable (?:the|this|our) (?:web)?site|are (?:strictly )?(?:necessary|essential) for "
    r"(?:the|this|our) (?:web)?site)|if you do not allow (?:these )?cookies\b)"
)


def is_consent_notice(text: str) -> bool:
    if len(text) > CONSENT_MAX_CHARS:
        return False  # a notice is a paragraph, not a page run into one line
    if _COOKIE_CATEGORY.match(text):
        return True
    lowered = text.lower()
    at = lowered.find("cookie")
    while at >= 0:
        # Both looks stay within CONSENT_REACH, so a huge line costs linear time.
        opening = max(lowered.rfind(".", max(0, at - CONSENT_REACH), at) + 1, at - CONSENT_REACH)
        closing = lowered.find(".", at, at + CONSENT_REACH)
        closing = at + CONSENT_REACH if closing < 0 else closing
        # Searched in the lowered text, whose offsets these are ('İ' lowers to two characters).
        if _CONSENT_SUBJECT.search(lowered, opening, at) or _CONSENT_VERB.search(
            lowered, at, closing
        ):
            return True
        at = lowered.find("cookie", at + 6)
    return False


# A form's consent to the processing of the reader's data, or its notice of who controls
# them (GDPR), in the first person or addressed to the reader: "I agree to the processing of
# my personal data …", "Wyrażam zgodę na przetwarzanie moich danych osobowych …".
_DATA_CONSENT = re.compile(
    r"(?i)^\W{0,3}(?:"
    r"I (?:hereby )?(?:consent|agree) to (?:the )?(?:processing|use|storage) of my|"
    r"the controller of your personal data|"
    r"wyrażam zgodę na przetwarzanie|(?:informujemy, że )?administratorem (?:twoich |pana/pani )?"
    r"danych|acconsento al trattamento|j['’]accepte (?:que mes données|le traitement)|"
    r"autorizo el tratamiento|ich willige ein|ich stimme der verarbeitung)"
)


# A form's own sentences, whatever site prints them: its anti-spam notice, its error, the terms
# a reader accepts by sending it, a paywall's preview note; and what a video player, an ad
# slot or an affiliate programme says the same way on every site. An article quotes them
# only inside a sentence of its own.
FORM_NOTICE = re.compile(
    r"(?i)^\W{0,3}(?:this (?:site|form|page) is protected by recaptcha\b|"
    r"sorry, there (?:seems?|appears?) to (?:be|have been) (?:some|an?) "
    r"(?:issues?|problems?|errors?)\b|"
    r"by (?:submitting|signing up|subscribing|clicking|registering)\b[^.]{0,80}"
    r"\byou (?:agree|accept|consent) to\b[^.]{0,40}\b(?:terms|privacy|conditions|"
    r"(?:user|personal) (?:information|data))|"
    r"this is a preview of subscription content\b|"
    r"did you know you can manage your (?:profile|account)\b|"
    # A sign-up form's messages: "Please enter a valid email address", "Thank you for
    # signing up to X. You will receive a verification email shortly."
    r"please enter a valid e-?mail\b|"
    r"thanks? (?:you )?for (?:signing up|subscribing)(?: (?:to|for) [^.!]{1,40})?(?:!?$|[.!] "
    r"(?:you will receive|a confirmation|see you|please (?:check|confirm|select)))|"
    # ... its state while it sends ("Submitting..."), and the page's word on an old browser.
    r"submitting(?:\.\.\.|…)$|you(?: are|['’]re) using an? (?:older|outdated|old|unsupported) "
    r"(?:web )?browser\b|javascript is (?:currently )?(?:disabled|turned off|not enabled)\b|"
    # A site pointing to its other editions: "Did you know we have a UK site?"
    r"did you know we have an? [^.?!]{1,40} (?:site|edition|app)\?$|"
    r"(?:click here to )?(?:get|download) (?:the|our) (?:[\w-]+ ){0,3}app\b|"
    r"this is a modal window\b|inread invented by teads\b|contact me with news and offers\b|"
    # A video player's caption settings (video.js): its dialog and the options it lists.
    r"(?:beginning|end) of dialog window\b|reset restore all settings to the default values\b|"
    r"text edge style\b|font family default\b|font size 50%|defaults done$|"
    # A comment policy (Gannett's sites).
    r"please be polite\. it['’]s ok to disagree with someone['’]s ideas\b|"
    # A player's fallback text where the page's text has no player.
    r"(?:sorry, )?your browser (?:does not|doesn['’]t|cannot|can['’]t) (?:support|play)\b|"
    r"(?:(?:foreground|background|window|color)\W+)?(?:white black|black white) red green blue\b|"
    r"(?:we are|[\w.]+ is) a participant in the amazon services llc associates program\b)"
)


def mark_form_notices(texts: list[str], codes: np.ndarray) -> None:
    for i in np.flatnonzero(codes == KEPT).tolist():
        if FORM_NOTICE.match(texts[i]):
            codes[i] = BOILERPLATE


# A site's disclosure that its links earn it money ("Some of our stories include affiliate
# links …", "If you click this link and make a purchase, we earn a commission"): a notice
# the site prints above or under its articles, not a sentence of one. A paragraph at most.
_DISCLOSURE = re.compile(
    r"(?i)\baffiliate links?\b|\b(?:earn|receive|get|make) (?:an? )?(?:small )?"
    r"(?:affiliate )?(?:commission|compensation)\b"
)
# Who earns: the site speaking ("we", "our", "I"); and what: its links.
_DISCLOSURE_VOICE = re.compile(r"(?i)\b(?:we|our|us|I)\b")
_DISCLOSURE_LINKS = re.compile(r"(?i)\blinks?\b")
DISCLOSURE_MAX_WORDS = 80


def _is_disclosure(text: str) -> bool:
    # Substrings first: most lines hold none of the words.
    if "ommission" not in text and "ompensation" not in text and "ffiliate" not in text:
        return False
    if len(text.split()) > DISCLOSURE_MAX_WORDS or not _DISCLOSURE.search(text):
        return False
    return bool(_DISCLOSURE_VOICE.search(text) and _DISCLOSURE_LINKS.search(text))


def mark_consent_notices(
    texts: list[str], codes: np.ndarray, cookie: np.ndarray, prose: np.ndarray
) -> None:
    """A site's statement that it uses cookies ("We use cookies to …", "En poursuivant votre
    navigation sur ce site, vous acceptez l'utilisation de cookies") is chrome however long
    it runs; an article about cookies speaks of them otherwise. So is a form's consent to the
    processing of the reader's data (_DATA_CONSENT), which an article quotes only inside a
    sentence of its own."""
    for i in np.flatnonzero(prose & (codes == KEPT)).tolist():
        if _DATA_CONSENT.match(texts[i]):
            codes[i] = BOILERPLATE
    if not cookie.any():
        return
    for i in np.flatnonzero(cookie & (codes == KEPT)).tolist():
        if is_consent_notice(texts[i]):
            codes[i] = BOILERPLATE


# A comment's signature as blog software prints it in many languages ("Jane Doe says:",
# "Jane sagt:", "Jeanne dit :"), over the time it was posted.
_SAYS = re.compile(
    r"\s(?:says|sagt|schreibt|dit|écrit|dice|escribe|diz|disse|scrive|zegt|schreef|skriver|"
    r"säger|sier|siger|pisze|napisał|napsal|sanoo|пишет|говорит)\s?:$"
)
SIGNATURE_MAX_WORDS = 8
_CLOCK = re.compile(r"\b\d{1,2}[:.h]\d{2}\b")


def comment_signatures(texts: list[str], prose: np.ndarray, words: np.ndarray) -> list[int]:
    """Lines that sign a reader's comment ("Jane Doe says:" over "August 3, 2019 at 4:11
    am"); the first one inside an article ends it (before_comments). A quote in an article
    ("The minister says:") is followed by what was said, not by a time."""
    short = np.flatnonzero(~prose[:-1] & (words[:-1] <= SIGNATURE_MAX_WORDS)).tolist()
    return [
        i
        for i in short
        if texts[i].endswith(":")
        and _SAYS.search(texts[i])
        and words[i + 1] <= SIGNATURE_MAX_WORDS
        and _CLOCK.search(texts[i + 1])
    ]


# The site speaking in the first person plural, and to its reader. Case tells "us" from
# "US", and German's formal "Sie" from "sie" (she, they) but not at a line's start.
SITE_VOICE = re.compile(
    r"\b(?:[Ww]e(?:'re|'ve|’re|’ve)?|[Oo]urs?|us|[Ww]ir|uns(?:er\w*)?|[Uu]nser\w*|[Nn]ous"
    r"|[Nn]otre|[Nn]uestr[oa]s?|[Nn]osotros|[Nn]oss[oa]s?|[Nn]oi|[Nn]ostr[oaie])\b"
)
READER = re.compile(
    r"\b(?:[Yy]ou(?:r|rs|'re|’re|'ll|’ll)?|[Dd]u|[Dd]ein\w*|[Vv]ous|[Vv]otre|[Vv]os"
    r"|[Uu]sted(?:es)?|[Vv]ocês?|[Vv]oi|[Vv]ostr[oaie])\b|(?<=\s)(?:Sie|Ihnen|Ihre?[nmrs]?)\b"
)
# What a site asks of its reader at an article's edges: to subscribe, sign up or in, give,
# or keep the story ("Never miss the latest news from the Star. Sign up for our newsletters",
# "You can find this story in My Bookmarks", "Make your contribution now … Donate today"), or
# turn on its alerts ("Turn on notifications to receive alerts as stories develop").
_READER_ASK = re.compile(
    r"(?i)\b(?:subscri(?:be|bers?|bing|ption)|sign(?:ing)? ?(?:up|in)|log(?:ged)? ?in|newsletters?"
    r"|inbox|donat(?:e|ion|ing)|contribution|bookmarks?|register|notifications|alerts)\b"
)
PROMPT_MAX_WORDS = 60


def asks_reader(text: str) -> bool:
    """Whether a line asks its reader to subscribe, sign up, give or keep the story."""
    if len(text.split()) > PROMPT_MAX_WORDS or not _READER_ASK.search(text):
        return False
    return READER.search(text) is not None


def site_notice(text: str) -> bool:
    return asks_reader(text) or _is_disclosure(text)
