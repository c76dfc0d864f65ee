"""Outlet names: whether a string can be a site's name, and the names a page spells.

A brand pattern's catch is cut to a name (a year, a footer's links, a rights statement, a
legal form off it) and refused where it is a button, a menu's section, a cut phrase or a
person; a staff address's domain or the input's URL host gives the names the page writes with
its letters; a company's name gives way to the shorter brand the page uses. ``outlet`` finds
and scores the candidates these let through.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from builder.clean.text import NAME_PARTICLES, word_count
from builder.doc import Line
from builder.extract.shared import _NOT_NAMES, STAMP_MAX_WORDS, _mentions, _place_names

_AFTER_NAME = re.compile(
    r"\s*(?<!\d)(?:19|20)\d{2}(?!\d)|\s+(?:Impressum|Datenschutz\w*|Imprint|Privacy|Terms|"
    r"Kontakt|Contact|Sitemap|Disclaimer|AGB|Mentions légales|Aviso legal|Do Not)\b"
)


_RIGHTS_TAIL = re.compile(
    r"(?i)(?:^|\s+)(?:copyright|(?:(?:tous\s+)?droits|(?:todos\s+(?:os|los)\s+)?"
    r"(?:direitos|derechos)|alle\s+rechte)\s+(?:r[ée]serv[ée]e?s|reservados|vorbehalten))$"
)


# "Andrew Zonenberg. Content …": the sentence ends the name; an initial does not, nor does a
# short title: "St. Lucia Times", "Mt. Airy News".
_SENTENCE_END = re.compile(r"(?<![\s.][A-Z])(?<!\b[A-Z][a-z])\. ")
# Years after it ("Haki Benita 2016-2020"), not a channel's number ("FOX 2", "News 4").
_TRAILING_YEARS = re.compile(r"\s+(?:19|20)\d\d(?:\s*[–-]\s*(?:19|20)\d\d)?$")
_LEADING_YEARS = re.compile(r"^(?:\d{4}[\s,–-]*)+")  # "© 2002, 2003 Jamie Zawinski"
_CREDIT_LABEL = re.compile(r"(?i)^(?:from|source|via|credit|fuente|quelle):\s+")  # "From: X"
_LEADING_THE = re.compile(r"(?i)^the\s+")
_LEGAL_FORM = re.compile(
    r"(?:,\s*|\s+)(?:(?i:inc|llc|ltd|plc|gmbh|pty(?: ltd)?|sp(?:\. z o\.o)?)|DAC)\.?$"
)
# A site's paid tier after its name ("Independent Premium"): the masthead is the name.
_SUBSCRIPTION_TIER = re.compile(r"\s+Premium$")
_NO_NAME_WORDS = re.compile(r"(?i)\ball rights\b|\bcookies?\b|\bprivacy\b")


def _clean_name(name: str) -> str | None:
    # Each pattern runs only where the text can hold what it removes (a full stop, a digit, a
    # colon): names of menus and mastheads are cut by the thousand.
    if ". " in name:
        name = _SENTENCE_END.split(name, 1)[0]
    name = name.strip()
    if name.endswith(("’s", "'s")):
        name = name[:-2]
    if name[-1:].isdigit():
        name = _TRAILING_YEARS.sub("", name)
    name = name.strip()
    if name[:1].isdigit():
        name = _LEADING_YEARS.sub("", name)
    # A year or a footer's links run on after it: "X GmbH 2019Content …", "X Impressum".
    name = _AFTER_NAME.split(name, 1)[0]
    if ":" in name:
        name = _CREDIT_LABEL.sub("", name)
    name = name.strip(" .,-–—|:")
    if name[:3].lower() == "the":
        name = _LEADING_THE.sub("", name)
    name = name.strip()
    # The rights statement after the name ("Breaking Soup Copyright ©", "BONDY BLOG TOUS
    # DROITS RESERVES"), then its legal form ("Acme, Inc.", "SitePoint Pty Ltd").
    name = _RIGHTS_TAIL.sub("", name).strip(" .,-–—|:")
    name = _LEGAL_FORM.sub("", name)
    if name.endswith("Premium"):
        name = _SUBSCRIPTION_TIER.sub("", name)
    if not name or len(name) > 60 or word_count(name) > 6 or not name[0].isalnum():
        return None
    if _NO_NAME_WORDS.search(name):
        return None
    return name


# Lowercase words no name ends with, in the languages whose pages the dev sets hold most.
_TRAILING_FUNCTION_WORDS = frozenset(
    """in of on at to for with from by the a an and or as into about after before
    de du des la le les en et à au aux del el los las y con por para em no na os e do da
    im am zu zum zur für mit von und der die das""".split()
)
_INITIALLED_PERSON = re.compile(r"^[^\W\d_]{2,}(?: [^\W\d_]\.)+ [^\W\d_]{2,}(?:-[^\W\d_]+)?$")


@functools.lru_cache(maxsize=65536)
def _name_key(name: str) -> str | None:
    name = _clean_name(name)
    if not name or len(name) < 2 or not any(ch.isalpha() for ch in name):
        return None
    if name.casefold() in _NOT_NAMES or name.split()[0].casefold() in _NOT_NAMES:
        return None
    if name.casefold() in NAME_PARTICLES:
        return None  # "La newsletter de Là-bas": an article opens the phrase, names nothing
    if " " in name and name.rsplit(" ", 1)[1] in _TRAILING_FUNCTION_WORDS:
        return None  # a phrase cut before its year or object: "Going mobile in 1998"
    if _INITIALLED_PERSON.match(name) and all(w[0].isupper() for w in name.split()):
        return None  # a person, by the initial between the names: "Marwan H. Adwan"
    if _is_ui_name(name):
        return None
    return name


def _bare(name: str) -> str:
    return name.casefold().rstrip("!.")


def _is_ui_name(name: str) -> bool:
    """A button's, a menu's or a legal line's words, alone or together ("Classifieds FAQ",
    "Customer Care")."""
    bare = _bare(name)
    return bare in _UI_NAMES or all(word in _UI_NAMES for word in bare.split())


def _is_menu_word(text: str) -> bool:
    return _bare(text) in _UI_NAMES or _is_section_name(text)


# What a page's buttons, menus and legal lines say, caught by a pattern as if a name: "Join
# Now!", "Sign up for Newsletters and Alerts", "Copyright Notice", "© Riproduzione riservata".
_UI_NAMES = frozenset(
    """now notice newsletters alerts events view load more trademarks classifieds faq archive
    archives archivio developers premium podcasts videos photos riproduzione verified comment
    comments""".split()
    # Words that qualify, negate or point and name nothing alone, caught before "Newsletter"
    # or "on Twitter": "Subscribe to our Daily Newsletter", "Free Newsletters", "Not on
    # Twitter? Sign up".
    + """not no daily weekly monthly free latest breaking new top best all more les la le los
    las el il die der das""".split()
    + "help support customer care service services contact feedback".split()
) | {"view all", "load more", "read more", "see more", "show more", "copyright notice"}
# A site's sections, no outlet where a menu or a teaser names them (issue 24); a copyright or
# a page title may be a journal's own ("© 2020 Science").
_SECTION_NAMES = frozenset(
    """weather opinion business travel lifestyle entertainment politics health science
    technology culture arts art food style fashion music books education shopping deals
    reviews sports sport world local national""".split()
)
# A country's initials head its section too: "U.S.", "U.K.".
_DOTTED_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}[A-Z]\.?")


def _is_section_name(name: str) -> bool:
    bare = _bare(name)
    return (
        bare in _SECTION_NAMES or bare in _place_names() or bool(_DOTTED_INITIALS.fullmatch(name))
    )


# Words that make a company of a brand: "Guardian News & Media Limited" publishes "Guardian".
_CORPORATE_WORDS = frozenset(
    """media group limited ltd company co inc llc plc corp corporation holdings publishing
    digital interactive network networks & medien verlag sa s.a. a.s. gmbh productions
    software foundation publications ventures enterprises ag""".split()
)
# Companies that own mastheads, as their copyright lines name them ("© 2023 MediaNews Group",
# "Hearst Newspapers", "NYP Holdings"): the reader sees the brand, not its owner (issue 24).
# Public knowledge of the trade's groups, matched on the name's opening words.
_PARENT_COMPANIES = frozenset(
    " ".join(name.casefold().split())
    for name in """Advance Local|Advance Publications|Alden Global|Associated Newspapers|
    Axel Springer|Bauer Media|Bell Media|Bennett, Coleman|Bennett Coleman|Bonnier|
    Bustle Digital|Condé Nast|Conde Nast|Cox Media|Digital First Media|DMG Media|
    Dotdash|Express Newspapers|Fairfax Media|Future US|
    Future Publishing|Gannett|GEDI|Graham Media|Gray Television|Grupo Clarín|Grupo Globo|
    Grupo Prisa|Gruner|Guardian News & Media|Hearst|HT Media|IAC|Johnston Press|JPIMedia|
    Lee Enterprises|McClatchy|MediaNews Group|Meredith Corporation|Nexstar|News Corp|
    Newsquest|Nine Entertainment|NYP Holdings|Penske Business Media|Penske Media|Postmedia|
    Prisma Média|RCS MediaGroup|Red Ventures|Ringier|Sanoma|Schibsted|
    Sinclair Broadcast|Singapore Press Holdings|Tamedia|Tegna|Telegraph Media Group|
    Thomson Reuters|Times Internet|Torstar|Tribune Media|Tribune Publishing|Trinity Mirror|
    Valnet|Vocento|Vox Media|Ziff Davis""".split("|")
)


def _is_parent_company(name: str) -> bool:
    """Whether the name opens with a parent company's ("Condé Nast Britain", "Hearst")."""
    words = name.casefold().split()
    return any(" ".join(words[:n]) in _PARENT_COMPANIES for n in range(1, len(words) + 1))


# An address at the site's own domain ("Contact Jane Doe at jdoe@seattletimes.com"): its name
# is the one the page spells with the domain's letters ("Seattle Times"). The label is the one
# before the public suffix ("bbc" in "news.bbc.co.uk").
_EMAIL_DOMAIN = re.compile(
    r"[\w.+-]@(?:[a-z0-9-]+\.)*?([a-z0-9-]{2,})"
    r"\.(?:(?:co|com|org|net|ac|gov|ne|or)\.[a-z]{2}|[a-z]{2,})(?![\w-]|\.\w)",
    re.IGNORECASE,
)
# Mail providers anyone writes from: their domain says nothing of the site.
_WEBMAIL = frozenset(
    """gmail googlemail yahoo ymail hotmail outlook live msn aol icloud me mac protonmail proton
    gmx mail yandex qq 163 126 web orange free laposte wanadoo example""".split()
)


def _contact_line(text: str) -> bool:
    """A short line that is no sentence: a byline's address ("By Jane Doe | jdoe@x.com"),
    which the cleaner may keep with the article; an address in a sentence is quoted."""
    return word_count(text) <= STAMP_MAX_WORDS and not text.rstrip().endswith((".", "!", "?"))


# A page giving this many addresses at one domain lists its people (a directory of members
# of parliament); a site's own staff addresses on an article page are a few.
EMAIL_DIRECTORY_MIN_ADDRESSES = 10


def _names_of_email_domains(lines: list[Line], text: str) -> list[str]:
    """Names the page writes with the letters of a domain its chrome gives an address at."""
    addresses: dict[str, set[str]] = {}
    for line in lines:
        if "@" in line.text and (not line.kept or _contact_line(line.text)):
            for match in _EMAIL_DOMAIN.finditer(line.text):
                address = line.text[line.text.rfind(" ", 0, match.start()) + 1 : match.end()]
                addresses.setdefault(match.group(1).casefold(), set()).add(address.casefold())
    labels = {
        label
        for label, given in addresses.items()
        if len(given) < EMAIL_DIRECTORY_MIN_ADDRESSES and label not in _WEBMAIL
    }
    return _names_spelled(labels, text)


# Host labels that name no site: "www", "edition", "m", country and language subdomains.
_HOST_PREFIXES = frozenset("www www2 m mobile amp edition news en fr de es it pt beta".split())
_URL_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://([^/:?#]+)", re.IGNORECASE)


def _names_of_url_host(url: str | None, text: str) -> list[str]:
    """Names the page writes with the letters of its address's site ("nypost.com" gives
    "NY Post", "theatlantic.com" gives "The Atlantic"): where the input has a URL (a WARC
    record, the manifest, an HTML page's own link), its host is evidence of the masthead."""
    match = _URL_HOST.match(url or "")
    if not match:
        return []
    labels = [label for label in match.group(1).casefold().split(".") if label]
    # The label before the public suffix: "nypost" in www.nypost.com, "bbc" in bbc.co.uk.
    labels = [lab for lab in labels[:-1] if lab not in _HOST_PREFIXES and len(lab) > 2]
    site = [lab for lab in labels if lab not in ("co", "com", "org", "net", "gov", "ac")]
    return _names_spelled(set(site[-1:]), text) if site else []


def _names_spelled(labels: set[str], text: str) -> list[str]:
    """Capitalised names in text spelled with a label's letters, spaces or dots between."""
    names: set[str] = set()
    for label in labels:
        names.update(
            match.group(0)
            for match in _spelling(label).finditer(text)
            if match.group(0)[0].isupper()
        )
    return sorted(names)


@functools.lru_cache(maxsize=1024)  # a site's pages share their domain
def _spelling(label: str) -> re.Pattern:
    letters = [re.escape(ch) for ch in label if ch.isalnum()]
    return re.compile(r"(?<![\w.@])" + r"[ .&'’-]?".join(letters) + r"(?![\w@]|\.\w)", re.I)


def _written_small(name: str, text: str) -> bool:
    """Whether the page also writes the name in small letters: as a plain word ("Daily" and
    "daily") or in an address ("BBC" and "bbc.co.uk"). The fit weighs the two together
    (+0.3): kept apart, the word alone weighs -0.8 and the address +1.2, but the pair rounded
    picks four outlets fewer on silver."""
    small = name.casefold()
    return small != name and _mentions(text, small) > 0


_DOMAIN_NAME = re.compile(r"(?i)(.+?)\.(?:com|net|org|info|news|co\.uk|fr|de|es|it|cz|ca|au)")


def _without_domain(name: str, text: str) -> str:
    """ "Le Monde.fr" is "Le Monde" when the page writes it so, in its own spelling, often."""
    match = _DOMAIN_NAME.fullmatch(name)
    if not match:
        return name
    bare = re.compile(rf"(?<![\w.]){re.escape(match.group(1))}(?![\w.])", re.IGNORECASE)
    spellings = Counter(bare.findall(text))
    if sum(spellings.values()) < BRAND_MIN_MENTIONS:
        return name
    return max(spellings.items(), key=lambda item: (item[1], item[0]))[0]


# A shorter brand must appear this often in the page to replace a company name.
BRAND_MIN_MENTIONS = 3


def _brand_of(name: str, text: str) -> str:
    """The shortest name left by dropping trailing corporate words that the page uses often."""
    words, brand = name.split(), name
    # "News" ends a brand ("BBC News") but sits inside a company ("Guardian News & Media").
    corporate = _CORPORATE_WORDS
    while len(words) > 1 and words[-1].casefold().strip(".,") in corporate:
        words, corporate = words[:-1], _CORPORATE_WORDS | {"news"}
        if text.count(" ".join(words)) >= BRAND_MIN_MENTIONS:
            brand = " ".join(words)
    return brand
