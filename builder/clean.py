"""Clean stage: keep the article's lines, drop the page chrome, and say why for each drop.

The method works on text alone, in three general steps:

1. **Line rules.** Short lines made of chrome vocabulary (share, subscribe, sign in, cookie,
   advertisement, ©…), photo credits, bylines and date-only lines are dropped with their
   reason; a line repeated inside the document is kept once.
2. **Main block.** Each remaining line scores by how much it looks like prose (a sentence of
   several words that ends in terminal punctuation) against how much it looks like chrome
   (short fragments, date-stamped teasers, unpunctuated word lists). Headers of what follows
   an article ("Comments", "Related stories") cut the page into parts, each part offers its
   highest-scoring contiguous run (a maximum-subarray search, the text analogue of Finn et
   al.'s Body Text Extraction), and the first run with a fair share of the best run's score
   is the article; every line outside it is ``outside_article``.
3. **Inside the block**, runs of several short fragments (related links, tag lists) are
   dropped as ``short_run``; single short lines between paragraphs (sub-headings) stay.

Cross-document steps (template lines shared by many pages) are applied by the pipeline,
which marks those lines before this stage runs.
"""

from __future__ import annotations

import functools
import itertools
import json
import operator
import re
from pathlib import Path

import numpy as np

from builder import linescan
from builder.doc import Doc, Line, LineReason
from builder.jit import compiled
from builder.linescan import phrase_hash, word_hash

# Lines with at most this many words are "short": fragments rather than paragraphs.
SHORT_WORDS = 6
# A prose line has at least this many words and ends like a sentence.
PROSE_MIN_WORDS = 8
# Lines this long count as prose whatever their last character.
LONG_WORDS = 25
# A header that opens what follows an article (comments, related stories) all but ends it:
# a barrier between parts of the page, not a weight (no fitted score comes near it).
SECTION_END_COST = 300.0
# The line model: what each line scores in the main-block search (a fitted linear score of
# its features, LINE_FEATURES) and how the first block is chosen. Fitted with folds grouped
# by site by benchmarks/fit_lines.py; the build only reads the file, so it stays
# deterministic.
MODEL_FILE = Path(__file__).with_name("clean_model.json")
# The features of a kept line's score, in the order of the model's weights (the weights
# array the compiled placement reads, PLACEMENT after them):
#   words      its word count (the scale: fixed at 1, not fitted)
#   bias       every scored line (a line of -bias words is neither article nor chrome)
#   sentence   a prose line: several words ending like a sentence
#   word_list  a long line that is not prose replaces its whole score (a list of tags)
#   stamp      a fragment carrying a date or clock time (a teaser, a comment's header)
#   list_item  a fragment opening with a list mark
#   position   how far down the page the line stands (0 at the top, 1 at the bottom): what
#              follows an article (comments, feeds, footers) is at the bottom
#   chrome     a line the rules dropped as boilerplate or template (not a section header)
LINE_FEATURES = (
    "words",
    "bias",
    "sentence",
    "word_list",
    "stamp",
    "list_item",
    "position",
    "chrome",
)
# How the article's run is chosen among the parts' best runs: the first with this share of
# the heaviest (first_block_share) and at least first_block_min, or the heaviest if less.
PLACEMENT = ("first_block_share", "first_block_min")


def load_line_model(path: Path = MODEL_FILE) -> dict:
    """The shipped line model; a model whose features are not LINE_FEATURES is an error, so
    a stale file cannot score lines by the wrong weights."""
    model = json.loads(path.read_text(encoding="utf-8"))
    if (
        tuple(model["features"]) != LINE_FEATURES
        or set(model["weights"]) != set(LINE_FEATURES)
        or set(model["placement"]) != set(PLACEMENT)
    ):
        raise ValueError(f"{path.name}: features or placement differ from the code's")
    return model


def model_weights(model: dict) -> np.ndarray:
    """The flat array the compiled placement reads: feature weights, then placement values."""
    values = [model["weights"][f] for f in LINE_FEATURES]
    values += [model["placement"][p] for p in PLACEMENT]
    return np.array(values, dtype=np.float64)


LINE_MODEL = load_line_model()
WEIGHTS = model_weights(LINE_MODEL)
_W_WORDS, _W_BIAS, _W_SENTENCE, _W_WORD_LIST, _W_STAMP, _W_LIST_ITEM, _W_POSITION = range(7)
_W_CHROME, _W_FIRST_SHARE, _W_FIRST_MIN = 7, 8, 9
# Chrome phrases decide alone only on short lines: a long sentence that says "subscribe" is prose.
PHRASE_MAX_WORDS = 12
# One chrome word condemns only a very short line: "Share", "Sign in", "Skip to content".
# A longer fragment needs two ("Click to share on Twitter"): a headline may name Facebook.
PHRASE_ALONE_MAX_WORDS = 6
# Longer lines are chrome only when packed with chrome phrases (footer sentences).
DENSE_PHRASE_MAX_WORDS = 30
DENSE_PHRASE_HITS = 3
# A link card renders its title in two or three elements: "<title> <title> <title>", the
# last one maybe cut short by the page's style. A title that short-circuits the test is
# this long at least, in characters and in words.
SELF_REPEAT_HEAD_CHARS = 12
SELF_REPEAT_MIN_WORDS = 3
SELF_REPEAT_MAX_COPIES = 4  # three whole copies and a cut one; more is no card
# A kept line this long that opens a longer kept line is its teaser.
TEASER_MIN_CHARS = 40
# A run of at least this many consecutive short non-sentence lines is a list of links.
SHORT_RUN = 3
# A title of another story under the article holds this many words at least.
TITLE_MIN_WORDS = 4
# A box of links inside an article holds this many titles at most.
BOX_MAX_ITEMS = 6
# The run after such a box is the article's when prose makes up this share of its words.
CONTINUATION_PROSE_SHARE = 0.7
# Prose resumes after a widget embedded in the article (a gallery's controls, a player, a
# table) of at most this many lines, in a run that weighs at least this share of the
# article's.
RESUME_MAX_GAP = 40
RESUME_SHARE = 0.25
# A feed of teasers, where most sentences stand alone between a title and a source line,
# is not the article when a later run of about the same weight reads as running prose.
FEED_ISOLATED_SHARE = 0.7
ARTICLE_ISOLATED_SHARE = 0.3
# An HTML tag as raw markup writes it: "<div class=…>", "</p>", "<img … />".
_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
# A line opening with a tag is markup when tags make up this share of its characters.
MARKUP_MIN_SHARE = 0.5
# A slide counter ("3/50", "1 of 24"): a slide number, not above the total, and no date.
_COUNTER = re.compile(r"(\d{1,3}) ?(?:/|of) ?(\d{1,3})(?![\d/.:])")
# Counters of one total with this many slide numbers make a gallery.
GALLERY_MIN_SLIDES = 3
# The first counter alone opens a gallery of this many slides at least, with its title:
# "1 /21 Europe starts to ease itself out of Coronavirus lockdown" ("1/4 pound …" is none).
GALLERY_MIN_SHOWN = 5
_FIRST_SLIDE = re.compile(r"1 ?/ ?\d{1,3} [^\W\d_]")
# A byline names at most a few people; one listing them by name alone ("By Steven Lee Myers,
# Keith Bradsher and Tariq Panja") may run longer.
BYLINE_MAX_WORDS = 8
BYLINE_LIST_MAX_WORDS = 12
# A line of at least this many separators between spaces, parting fields of this many
# words at most on average, is a menu or a footer ("Privacy | Terms | Ad policy | Careers",
# "International ▪ Politique ▪ Société ▪ …"), however it ends: sentences are not parted so.
MENU_MIN_SEPARATORS = 3
MENU_FIELD_WORDS = 6
_FIELD_SEPARATOR = re.compile(f"(?<= )[{re.escape(linescan.FIELD_SEPARATORS)}](?= )")

_TERMINAL = tuple(linescan.TERMINAL)
_CJK = re.compile(
    "[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in linescan.CJK_RANGES) + "]"
)

# Chrome vocabulary: single words and phrases of page furniture. Matched on word tokens
# (a set lookup per line) rather than by one large regular expression, which was the
# cleaning stage's main cost.
CHROME_WORDS = frozenset(
    [
        "share",
        "tweet",
        "whatsapp",
        "print",
        "subscribe",
        "subscription",
        "newsletter",
        "register",
        "signup",
        "signin",
        "login",
        "logout",
        "cookie",
        "cookies",
        "advertisement",
        "advertising",
        "sponsored",
        "promoted",
        "copyright",
        "accessibility",
        "navigation",
        "trending",
        "recommended",
        "loading",
        "listen",
        "facebook",
        "twitter",
        "instagram",
        "linkedin",
        "pinterest",
        "youtube",
        "reddit",
        "rss",
        "career",
        "careers",
        "sitemap",
        "©",
    ]
)
# A skip link, in English and other languages ("Zum Inhalt springen", "Aller au contenu").
SKIP_LINK_PHRASES = (
    "skip to", "jump to", "zum inhalt", "navigation überspringen", "aller au contenu",
    "passer au contenu", "saltar al contenido", "ir al contenido", "ir para o conteúdo",
    "vai al contenuto",
)  # fmt: skip
CHROME_PHRASES = tuple(
    tuple(phrase.split())
    for phrase in (
        "pin it", "e mail this", "email this", "mailing list", "sign up", "sign in", "sign out",
        "log in", "log out", "my account", "ad choices", "report this ad", "all rights reserved",
        "privacy policy", "terms of use", "terms of service",
        "back to top", "main menu", "breaking news", "read more", "see more", "load more",
        "show more", "view comments", "comment count", "comments count", "leave a comment",
        "leave a reply", "follow us", "like us", "download the app", "related stories",
        "related articles", "related posts", "related content", "related coverage",
        "most popular", "most read", "most viewed", "most shared", "you may also like",
        "more from", "more stories", "join now", "click here", "enable javascript",
        "watch video", "watch live", "contact us", "about us", "site map", "help center",
        "continue reading", "lire la suite", "leer más", "leia mais",
        # A picture's or a link's controls: "View full size image", "Link copied".
        "view full size", "click to enlarge", "enlarge this image", "toggle caption",
        "hide caption", "link copied",
        # A sign-up form's messages: "Thank you for signing up!", "Please try again later."
        "signing up", "you will now receive", "try again later",
        *SKIP_LINK_PHRASES,
    )
)  # fmt: skip
_PHRASE_STARTS: dict[str, tuple[tuple[str, ...], ...]] = {}
for _phrase in CHROME_PHRASES:
    _PHRASE_STARTS[_phrase[0]] = (*_PHRASE_STARTS.get(_phrase[0], ()), _phrase[1:])
_COMMENT_WORDS = frozenset({"comment", "comments"})
_CHROME_CUES = CHROME_WORDS | frozenset(_PHRASE_STARTS) | _COMMENT_WORDS | {"c"}
_TOKENS = re.compile(r"[^\W_]+|©")
# Labels of a line that lists tags or points elsewhere, not the article's text: "Topics: …",
# a blog's "Posted in Food & Drink", and an encyclopedia's hatnotes ("Main article: X", "See
# also: Y").
_LABEL_PREFIX = re.compile(
    r"(?i)^(?:(?:topics|tags|tagged(?: in| with)?|filed under|categories|keywords|main articles?|"
    r"see also|further information)\s*:|(?:posted|filed) (?:in|under) |tagged (?=[^:]*,))"
)


def chrome_hits(text: str, tokens: list[str] | None = None) -> int:
    """Chrome words and phrases in a line ("Share", "Sign up", "© 2016", "12 comments");
    a label that opens it ("Tags:") counts one more in line_rule."""
    if tokens is None:
        tokens = _TOKENS.findall(text.lower())
    if _CHROME_CUES.isdisjoint(tokens):
        return 0
    hits = 0
    for i, token in enumerate(tokens):
        if token in CHROME_WORDS:
            hits += 1
        elif token in _COMMENT_WORDS:
            hits += i > 0 and tokens[i - 1].isdigit()  # "12 comments"
        elif token == "c":
            hits += i + 1 < len(tokens) and tokens[i + 1].isdigit() and "(c)" in text.lower()
        for rest in _PHRASE_STARTS.get(token, ()):
            if tuple(tokens[i + 1 : i + 1 + len(rest)]) == rest:
                hits += 1
                break
    return hits


# Headers of a box of other stories ("More from Africa", "Up next", "Next Up In Tech").
_NEXT_STORIES = r"""
    more\ (?:from|on|by|stories|news|in|articles|posts)\b.*|read\ next|up\ next|
    next\ up(?:\ in\ \w+)?|what\ to\ read\ next|read\ (?:this|these)\ next|
"""
# Headers of what follows an article, in several languages; matched on short lines only.
SECTION_END = re.compile(
    r"""(?ix)^\W*(?:\d+\s+)?(?:
    (?:recommended\ )?related\ (?:stories|articles|posts|content|links|news|reading|coverage|
    topics)|more\ related\ to\ this\ (?:story|article)|(?:watch\ )?latest\ videos|más\ información|
    die\ beliebtesten\ \w+|diesen\ artikel\ empfehlen|kļūda\ rakstā\?|
    lea\ también|mirá\ también|reporte\ un\ error|deixe\ sua\ opinião|comentar\ a\ matéria|
    enviá\ tu\ comentario|las\ más\ leídas|as\ mais\ lidas(?:\ agora)?|más\ sobre\ .*|
    您可能(?:會|会)有(?:興趣|兴趣)的文章|redaktionstipp|auch\ interessant(?:\ für\ (?:dich|sie))?|
    themen\ in\ diesem\ artikel|teile\ diesen\ (?:beitrag|artikel)!?|recent\ posts|
    support\ (?:our|independent|quality)\ journalism|apoya\ (?:el|nuestro)\ periodismo(?:\ \w+)?|
    nuestro\ equipo\ te\ necesita|become\ a\ (?:member|supporter)|donate\ now|support\ us|
    (?:newer\ post\ )?older\ post(?:\W+home)?|newer\ post(?:\W+home)?|
    in\ this\ section|(?:love\ this\?\ )?want\ more(?:\ \w+){0,3}\?|
    related\ videos?|more\ videos|most\ read\ (?:in\ \w+|(?:[\w&]+\ ){1,3}stories)|
    explore\ further|keep\ reading|raccomandati\ per\ te|consigliati\ per\ te|
    weitere\ interessante\ themen|pour\ approfondir|la\ rédaction\ vous\ conseille|
    article\ suivant|
    post\ navigation|next\ (?:story|article)|promoted\ (?:stories|links|content)\b.*|
    around\ the\ web|sponsored(?:\ (?:articles|content|stories|links|posts|headlines))?|
    paid\ (?:partner|post|content)(?:\ content)?|
    suggest\ a\ correction|report\ an?\ (?:error|typo)|report\ a\ correction(?:\ or\ typo)?|
    tagged|keywords|etiquetas|temas|tematy|powiązane\ tematy|
    more\ (?:like\ this|to\ explore)|top\ (?:stories|picks)|most\ recent|
    comments\ are\ closed|show\ \d+\ comments|
    powered\ by\ livefyre|komentarze|active\ discussions|view\ the\ discussion\ thread|
    najnowsze|últimas\ noticias|mais\ recentes|polecamy|najpopularniejsze|articles?\ en\ relation|
    \d+\ (?:comments?\ on|thoughts?\ on|responses?\ to)\b.*|
"""
    + _NEXT_STORIES
    + r"""
    you\ (?:may|might)\ (?:also\ )?(?:like|enjoy)|recommended\ (?:for\ you|stories|articles)|
    you\ (?:may|might)\ also\ (?:want\ to\ )?(?:check\ (?:these|this)\ out|read|see)|
    about\ the\ authors?|discussion\ about\ this\ (?:post|article|story)|
    most\ (?:popular|read|viewed|shared|commented)|popular\ (?:stories|now|articles|posts)|
    trending(?:\ (?:now|stories|articles|news|topics))?|in\ case\ you\ missed\ it|don'?t\ miss|
    comments|\d+\ comment|comments?\ \(\d+\)|responses|
    comentar|commenter|kommentieren|write\ a\ comment|
    (?:einen\ )?kommentar\ schreiben|schreibe\ einen\ kommentar|
    \d+\ responses?|replies|latest\ (?:news|stories|articles|posts|headlines)|
    join\ the\ (?:discussion|conversation)|
    (?:view|show|read|see|load)(?:/post)?\ (?:all\ )?comments.*|
    add\ (?:a\ |new\ |your\ )?comment|
    leave\ a\ (?:comment|reply)(?:\ cancel\ reply)?|add\ a\ comment|post\ a\ comment|
    what\ do\ you\ think|
    like\ this|share\ this(?:\ (?:article|story|post|page))?|tags?|filed\ under|categories|
    à\ lire\ aussi|lire\ aussi|sur\ le\ même\ sujet|commentaires?|(?:en\ )?direct|
    articles\ liés|derniers\ articles\b.*|
    live(?:\ updates|\ blog|ticker)?|(?:ao|en)\ vivo|
    mehr\ zum\ thema|weitere\ artikel|kommentare|meistgelesen|meistkommentiert|
    les\ plus\ lus|más\ leídas|související(?:\ články)?|přečtěte\ si\ také|
    artículos\ relacionados|relacionad[oa]s|comentarios|
    関連記事|関連ニュース|コメント|ランキング|アクセスランキング|相关(?:文章|新闻|阅读)|热门|评论|
    あわせて読みたい|おすすめ記事|人気記事|(?:阅读)?下一篇|推荐阅读|延伸阅读|猜你喜欢|
    あなたにおすすめ(?:の記事)?|おすすめの記事|(?:本日の)?主要記事|注目記事|新着記事|最新記事|
    こちらもおすすめ|相关推荐|最新文章|热门(?:文章|推荐)|많이\ 본\ 뉴스|인기\ ?기사|추천\ ?기사|
    leggi\ anche|articoli\ correlati|potrebbe\ interessarti|lees\ ook|gerelateerde?\ artikelen|
    czytaj\ (?:też|także)|zobacz\ (?:też|także|również)|читайте\ также|
    похожие\ (?:статьи|новости|материалы)|baca\ juga|berita\ terkait|läs\ också|relaterat|
    διαβάστε\ επίσης|lesen\ sie\ auch|voir\ aussi|
    das\ könnte\ (?:sie|ihnen|dich|dir)\ auch\ (?:interessieren|gefallen)|
    lee\ también|te\ puede\ interesar|noticias\ relacionadas|veja\ também|
    notícias\ relacionadas|اقرأ\ أيضا|اقرأ\ أيضاً|مقالات\ ذات\ صلة|관련기사|관련\ 기사|
    यह\ भी\ पढ़ें
    )\W*$""",
)
# Of those headers, the ones of a box of links an article can hold in its middle ("Related
# stories", "À lire aussi"): the article may go on after the box.
INLINE_BOX = re.compile(
    r"""(?ix)^\W*(?:
    related\ (?:stories|articles|posts|content|links|news|reading|coverage)|
    more\ related\ to\ this\ (?:story|article)|share\ this(?:\ (?:article|story|post|page))?|
    à\ lire\ aussi|lire\ aussi|sur\ le\ même\ sujet|mehr\ zum\ thema|
    související(?:\ články)?|přečtěte\ si\ také|artículos\ relacionados|relacionad[oa]s|
    関連記事|関連ニュース|相关(?:文章|新闻|阅读)|
    leggi\ anche|lees\ ook|czytaj\ (?:też|także)|zobacz\ (?:też|także|również)|
    читайте\ также|baca\ juga|läs\ också|διαβάστε\ επίσης|lesen\ sie\ auch|voir\ aussi|
    lee\ también|lea\ también|mirá\ también|veja\ também|اقرأ\ أيضا|اقرأ\ أيضاً|관련기사|관련\ 기사|
    यह\ भी\ पढ़ें
    )\W*$""",
)
# Of those headers, the ones of a box of other stories a site places inside its articles, as
# well as after them ("Most popular" and a dozen titles): prose can resume after it too.
TEASER_BOX = re.compile(
    r"""(?ix)^\W*(?:"""
    + _NEXT_STORIES
    + r"""
    you\ (?:may|might)\ (?:also\ )?(?:like|enjoy)|recommended\ (?:for\ you|stories|articles)|
    most\ (?:popular|read|viewed|shared)|most\ read\ (?:in\ \w+|(?:[\w&]+\ ){1,3}stories)|
    more\ videos|related\ videos?|
    popular\ (?:stories|now|articles|posts)|
    trending(?:\ (?:now|stories|articles|news|topics))?|in\ case\ you\ missed\ it|don'?t\ miss|
    meistgelesen|les\ plus\ lus|(?:las\ )?más\ leídas|as\ mais\ lidas(?:\ agora)?|
    ランキング|アクセスランキング|热门|
    sponsored(?:\ (?:articles|content|stories|links|posts|headlines))?|
    paid\ (?:partner|post|content)(?:\ content)?|promoted\ content
    )\W*$""",
)
# A teaser cut short, then its link: "… overloaded with sights, sounds,… Read more".
CUT_SHORT_TAIL_CHARS = 80  # room for the ellipsis and six words of a link after it
_CUT_SHORT = re.compile(r"(?:…|\.\.\.)\W*((?:[^\W\d_]+\W*){1,6})$")
_STAMP = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b(?:19|20)\d{2}\b")
_META_SEPARATORS = re.compile(r"\s[|•·]\s")
_SENTENCE_PUNCT = re.compile(f"[{re.escape(linescan.SENTENCE_PUNCT)}]")
# A token with two letters in it at least: a word, not a symbol, a figure or a variable.
WORDY_TOKEN = re.compile(r"\S*?[^\W\d_]\S*?[^\W\d_]\S*")
PHOTO_CREDIT = re.compile(
    r"""(?ix)
    (?:^|\|\s*)(?:photo|image|picture|foto|bild|credit|illustration|video|graphic)s?\s*
    (?:credit|source)?\s*[:|]|^credit\s
    |^(?:photo(?:graph)?|image|picture|illustration)s?\ (?:by|courtesy\ of)\s
    |\b(?:getty\ images|shutterstock|associated\ press\ photo|ap\ photo|afp\ photo|
    reuters/|/reuters|/afp|/ap\b|epa/|image\ copyright|image\ caption|photograph:|
    \(photo|\[photo|\(credit|file\ photo|istock)
    # a photographer and the agency alone: "Evan Vucci / AP", "Spencer Platt/Getty"
    |^(?:[^\W\d_][\w.'’-]*\ ){1,3}[^\W\d_][\w.'’-]*\ ?/\ ?(?:ap|afp|reuters|getty|epa)$
    """
)
_BYLINE_KEYWORD = r"^(?:by|par|von|por|di|door|av|przez|от|автор)\s*:?\s+"
BYLINE = re.compile(
    rf"{_BYLINE_KEYWORD}[\w.'’-]+(?:\s+[\w.'’-]+){{0,5}}"
    r"(?:\s*(?:,|and|&|/|\|)\s*[\w.'’-]+(?:\s+[\w.'’-]+){0,4})*$",
    re.IGNORECASE,
)
# A byline whose name a comma parts from the author's role, however worded: "By Jane Doe,
# Senior Correspondent in Bamako for the Sahel Times".
BYLINE_OPENING = re.compile(_BYLINE_KEYWORD, re.IGNORECASE)


# The lowercase words of a person's name, and what joins two names, in several languages.
NAME_PARTICLES = frozenset("de da das do dos van von der den del della la le di du bin al".split())
NAME_JOINERS = frozenset("and & et y und e".split())
# Lowercase words a byline's name may run on into: particles, "and", and the words that
# add an affiliation, a place or a date ("By Jane Doe of Reuters in Bamako on Monday").
_BYLINE_CONNECTORS = (
    NAME_PARTICLES
    | NAME_JOINERS
    | frozenset("the of for in at on am um aus avec con com mit para pour für".split())
)


def is_name_word(word: str) -> bool:
    """A word a person's name may hold: capitalised, or a particle ("van", "de")."""
    return bool(word) and (word[0].isupper() or word in NAME_PARTICLES)


_SPACED_COMMA = re.compile(r"\s+,")


def unspaced_commas(text: str) -> str:
    """Commas put back on the word before them, as names rendered one link each come:
    "Marcus Bensmann , Justus von Daniels"."""
    return _SPACED_COMMA.sub(",", text)


def is_person_length(words: int) -> bool:
    """Whether a co-author in a list has as many words as a name ("Keith Bradsher")."""
    return 2 <= words <= 4


def lists_names(words: list[str]) -> bool:
    """Whether the words after a byline's keyword are capitalised ones in groups of two to four
    parted by commas and "and": co-authors ("Steven Lee Myers, Keith Bradsher y Tariq Panja")
    or a name and its role, not a title ("By Design, Not by Accident")."""
    parted = False
    person = 0  # words of the name being read
    for word in unspaced_commas(" ".join(words)).split():
        name = word.rstrip(",")
        if not (is_name_word(name) or name in NAME_JOINERS):
            return False
        if name in NAME_JOINERS and parted and person == 0:
            continue  # after a serial comma: "…, Chien-Ming Wang, and Tom Watkins"
        if name in NAME_JOINERS or name != word:
            person += name != word
            if not is_person_length(person):
                return False
            parted, person = True, 0
        else:
            person += 1
    return parted and is_person_length(person)


def names_a_person_first(words: list[str]) -> bool:
    """Whether the words open with a person's name that a comma closes ("Jane Doe, …"),
    not a word alone ("Monday, the troops …", "Design, Not by Accident")."""
    for k, word in enumerate(words):
        name = word.rstrip(",")
        if not is_name_word(name):
            return False
        if name != word:
            return is_person_length(k + 1)
    return False


def runs_on_as_title(words: list[str]) -> bool:
    """Whether the words after a byline's keyword run on from capitalised ones into a lowercase
    word no byline uses: a title that opens with "Von" or "By" ("Von Sarajevo zum
    Flächenbrand", "… by Indigenous Peoples Key to Protecting Climate")."""
    capitalised = False
    for word in words:
        word = word.strip(",;:")
        if not word:
            continue
        if word[0].isupper():
            capitalised = True
        elif word[0].isalpha() and word.islower():
            if word not in _BYLINE_CONNECTORS:
                return capitalised
        else:
            return False  # a digit, a handle, a separator: the name has ended
    return False


# Extract's finders count the same head lines again and again.
@functools.lru_cache(maxsize=65536)
def word_count(text: str) -> int:
    """Words in a text; scripts written without spaces count two characters as a word."""
    return _with_cjk(text, len(text.split()))


def line_words(text: str) -> int:
    """word_count for a Line's text, whose whitespace is already single spaces."""
    return _with_cjk(text, text.count(" ") + 1)


def _with_cjk(text: str, words: int) -> int:
    if text.isascii():
        return words
    cjk = len(_CJK.findall(text))
    return words + cjk // 2 if cjk else words


def is_prose(text: str, words: int) -> bool:
    if words >= LONG_WORDS:
        # A long line without any sentence punctuation is a word list (countries, tags), and
        # so is a list of capitalised names that does not end with a full stop (a site's
        # menu, "… Don't Panic! Lighten Up!").
        if _SENTENCE_PUNCT.search(text) is None:
            return False
        full_stop = ends_as_sentence(text) and not text.rstrip(linescan.CLOSERS).endswith(_ASKS)
        return full_stop or not _in_title_case(text.split())
    return words >= PROSE_MIN_WORDS and ends_as_sentence(text)


_ASKS = ("!", "?", "！", "？")


def _in_title_case(tokens: list[str]) -> bool:
    """Whether LONG_WORDS tokens or more are mostly capitalised, as the compiled scan counts
    them (its tables hold the Basic Multilingual Plane; scripts without spaces are never)."""
    capitals = sum(1 for t in tokens if t[0] < "\U00010000" and (t[0].isupper() or t[0].istitle()))
    return len(tokens) >= LONG_WORDS and capitals >= linescan.TITLE_CASE_SHARE * len(tokens)


def ends_as_sentence(text: str) -> bool:
    """A sentence's final stop, before any closing quotes and brackets."""
    return text.rstrip(linescan.CLOSERS).endswith(_TERMINAL)


# Cheap token cues that gate the costlier patterns: most lines share no token with them.
_PHOTO_CUES = frozenset(
    [
        "photo",
        "photos",
        "image",
        "images",
        "picture",
        "pictures",
        "foto",
        "fotos",
        "bild",
        "bilder",
        "credit",
        "credits",
        "caption",
        "illustration",
        "illustrations",
        "video",
        "videos",
        "graphic",
        "graphics",
        "getty",
        "shutterstock",
        "ap",
        "afp",
        "reuters",
        "epa",
        "photograph",
        "istock",
        "file",
    ]
)
_BYLINE_CUES = frozenset(["by", "par", "von", "por", "di", "door", "av", "przez", "от", "автор"])
_SECTION_CUES = frozenset(
    [
        "related",
        "latest",
        "more",
        "read",
        "next",
        "up",
        "you",
        "recommended",
        "most",
        "popular",
        "trending",
        "in",
        "don",
        "comments",
        "comment",
        "comentar",
        "commenter",
        "kommentieren",
        "write",
        "kommentar",
        "schreibe",
        "einen",
        "responses",
        "response",
        "replies",
        "join",
        "view",
        "show",
        "see",
        "add",
        "leave",
        "post",
        "what",
        "like",
        "share",
        "tags",
        "tag",
        "filed",
        "categories",
        "about",
        "discussion",
        "load",
        "promoted",
        "sponsored",
        "paid",
        "tagged",
        "keywords",
        "etiquetas",
        "temas",
        "tematy",
        "powiązane",
        "top",
        "powered",
        "komentarze",
        "active",
        "najnowsze",
        "polecamy",
        "najpopularniejsze",
        "article",
        "thoughts",
        "thought",
        "últimas",
        "mais",
        "around",
        "suggest",
        "report",
        "articles",
        "derniers",
        "à",
        "lire",
        "sur",
        "commentaires",
        "commentaire",
        "mehr",
        "weitere",
        "kommentare",
        "meistgelesen",
        "meistkommentiert",
        "les",
        "más",
        "související",
        "přečtěte",
        "artículos",
        "relacionados",
        "relacionadas",
        "comentarios",
        # A live feed that follows an article: "Direct", "Live updates", "En vivo".
        "direct",
        "en",
        "live",
        "liveticker",
        "ao",
        # Scripts without spaces: the header is one token.
        "関連記事",
        "関連ニュース",
        "コメント",
        "ランキング",
        "アクセスランキング",
        "相关文章",
        "相关新闻",
        "相关阅读",
        "热门",
        "评论",
        "あわせて読みたい",
        "おすすめ記事",
        "人気記事",
        "阅读下一篇",
        "下一篇",
        "推荐阅读",
        "延伸阅读",
        "猜你喜欢",
        *("explore", "keep", "raccomandati", "consigliati", "pour", "la"),
        *("watch", "die", "diesen", "kļūda", "lea", "mirá", "reporte", "deixe", "enviá", "las"),
        *("as", "您可能會有興趣的文章", "您可能会有兴趣的文章", "redaktionstipp", "auch", "themen"),
        *("teile", "recent", "support", "apoya", "nuestro", "become", "donate", "newer", "older"),
        *("in", "love", "want"),
        "あなたにおすすめ",
        "あなたにおすすめの記事",
        "おすすめの記事",
        "本日の主要記事",
        "主要記事",
        "注目記事",
        "新着記事",
        "最新記事",
        "こちらもおすすめ",
        "相关推荐",
        "最新文章",
        "热门文章",
        "热门推荐",
        # Korean: "Most viewed news", "Popular articles", "Recommended articles".
        *("많이", "인기", "인기기사", "추천", "추천기사"),
        # "Read also" and "related" in more languages: Italian, Dutch, Polish, Russian,
        # Indonesian, Swedish, Greek, German, French, Spanish, Portuguese, Arabic, Korean, Hindi.
        *("leggi", "articoli", "potrebbe", "lees", "gerelateerde", "gerelateerd", "czytaj"),
        *("zobacz", "читайте", "похожие", "baca", "berita", "läs", "relaterat", "διαβάστε"),
        *("lesen", "das", "voir", "lee", "te", "noticias", "veja", "notícias", "اقرأ"),
        *("مقالات", "관련기사", "관련", "यह"),
    ]
)


def line_cues(text: str) -> tuple[int, int]:
    """The cue bits (linescan.*_CUE) and the chrome hits (without a label) of a line: what
    the compiled scan computes for every line, written plainly."""
    tokens = _TOKENS.findall(text.lower())
    first = tokens[1] if len(tokens) > 1 and tokens[0].isdigit() else (tokens or [""])[0]
    cues = (
        (linescan.PHOTO_CUE if not _PHOTO_CUES.isdisjoint(tokens) else 0)
        | (linescan.BYLINE_CUE if tokens and tokens[0] in _BYLINE_CUES else 0)
        | (linescan.SECTION_CUE if first in _SECTION_CUES else 0)
        | (linescan.LABEL_CUE if tokens and tokens[0] in _LABEL_WORDS else 0)
        | (linescan.NUMBER_CUE if tokens and tokens[0].isdigit() else 0)
    )
    return cues, chrome_hits(text, tokens)


def field_separators(text: str) -> int:
    """The separators between spaces on a line, as the compiled scan counts them (fields)."""
    return len(_FIELD_SEPARATOR.findall(text))


def _is_byline(text: str, words: int) -> bool:
    opening = BYLINE_OPENING.match(text)
    if opening is None or words > BYLINE_LIST_MAX_WORDS:
        return False
    named = text[opening.end() :].split()
    if BYLINE.match(text):
        if words <= BYLINE_MAX_WORDS and not runs_on_as_title(named):
            return True
        if lists_names(named):
            return True
    return names_a_person_first(named)


# A copyright notice opens with its mark and year, however many sentences follow it ("… This
# material may not be published, broadcast, rewritten or redistributed.").
_OPENS_ELSEWHERE = re.compile(r"(?i)\bopens? in (?:a )?new (?:tab|window)\)?$")
_NOTE_ENDINGS = ("tab", "tab)", "window", "window)", "Tab", "Tab)", "Window", "Window)")
_COPYRIGHT_OPENING = re.compile(r"(?i)^(?:copyright\s*(?:©|\(c\))?|©|\(c\))\s*(?:19|20)\d{2}\b")


def _mark_copyright_notices(texts: list[str], codes: np.ndarray, hits: np.ndarray) -> None:
    """A line the scan found chrome words in (only one of DENSE_PHRASE_MAX_WORDS words or
    fewer has any) is a copyright notice when it opens with the mark and its year."""
    for i in np.flatnonzero((hits > 0) & (codes == KEPT)).tolist():
        if texts[i][:1] in "Cc©(" and _COPYRIGHT_OPENING.match(texts[i]):
            codes[i] = BOILERPLATE


def _mark_link_labels(texts: list[str], codes: np.ndarray, words: np.ndarray) -> None:
    """A short line that ends in a screen reader's note that its link opens elsewhere is the
    link's label: "Allrecipes this link opens in a new tab"."""
    for i in np.flatnonzero((words <= PHRASE_MAX_WORDS) & (codes == KEPT)).tolist():
        if texts[i].endswith(_NOTE_ENDINGS) and _OPENS_ELSEWHERE.search(texts[i]):
            codes[i] = BOILERPLATE


def line_rule(text: str, words: int, is_sentence: bool, cues: int, hits: int) -> LineReason | None:
    """The line rules, in order: a photo credit, a byline, a section header, chrome phrases,
    a metadata line of separated fields with a date. cues and hits are line_cues(text)."""
    if words > DENSE_PHRASE_MAX_WORDS:
        return None
    if cues & linescan.LABEL_CUE and _LABEL_PREFIX.match(text):
        if not is_sentence:
            return LineReason.boilerplate  # "Topics: uber, libertarians, sharing economy, …"
        hits += 1
    if not is_sentence and words <= PHRASE_MAX_WORDS:
        if cues & linescan.PHOTO_CUE and PHOTO_CREDIT.search(text):
            return LineReason.photo_credit
        if cues & linescan.BYLINE_CUE and _is_byline(text, words):
            return LineReason.byline
        if cues & linescan.SECTION_CUE and SECTION_END.match(text):
            return LineReason.boilerplate
        if hits >= 2 or (hits == 1 and words <= PHRASE_ALONE_MAX_WORDS):
            return LineReason.boilerplate
    has_separator = "|" in text or "•" in text or "·" in text
    if has_separator and len(_META_SEPARATORS.findall(text)) > 1 and _STAMP.search(text):
        return LineReason.date_line  # "Le Monde | 04.05.2015 à 13h36 • Mis à jour … | Par …"
    if hits >= DENSE_PHRASE_HITS:
        return LineReason.boilerplate
    return None


_LABEL_WORDS = frozenset(
    [
        "topics",
        "tags",
        "filed",
        "categories",
        "keywords",
        "main",
        "see",
        "further",
        "posted",
        "tagged",
    ]
)
_CUES = linescan.cue_table(
    {
        linescan.CHROME: {word_hash(w) for w in CHROME_WORDS},
        linescan.COMMENT: {word_hash(w) for w in _COMMENT_WORDS},
        linescan.LETTER_C: {word_hash("c")},
        linescan.PHRASE: {phrase_hash(phrase) for phrase in CHROME_PHRASES},
        linescan.PHRASE_START: {word_hash(phrase[0]) for phrase in CHROME_PHRASES},
        linescan.PHRASE_OPEN: {
            phrase_hash(phrase[:end]) for phrase in CHROME_PHRASES for end in range(2, len(phrase))
        },
        linescan.PHOTO: {word_hash(w) for w in _PHOTO_CUES},
        linescan.BYLINE: {word_hash(w) for w in _BYLINE_CUES},
        linescan.SECTION: {word_hash(w) for w in _SECTION_CUES},
        linescan.LABEL: {word_hash(w) for w in _LABEL_WORDS},
    }
)
_RULE_LIMITS = linescan.RuleLimits(
    max_rule_words=DENSE_PHRASE_MAX_WORDS,
    phrase_max_words=PHRASE_MAX_WORDS,
    byline_max_words=BYLINE_LIST_MAX_WORDS,
    alone_max_words=PHRASE_ALONE_MAX_WORDS,
    dense_hits=DENSE_PHRASE_HITS,
    prose_min_words=PROSE_MIN_WORDS,
    long_words=LONG_WORDS,
    head_chars=TEASER_MIN_CHARS,
    echo_bytes=SELF_REPEAT_HEAD_CHARS,
    echo_min_words=2 * SELF_REPEAT_MIN_WORDS,
)


def scan_lines(texts: list[str]) -> linescan.LineScan:
    """The compiled per-line features the stage works from (see builder.linescan)."""
    return linescan.scan(texts, _CUES, _RULE_LIMITS)


def _normalised(text: str) -> str:
    # casefold equals lower on ASCII, where lower is many times faster
    return text.lower() if text.isascii() else text.casefold()


# Lines are marked by a small code while the stage works (0: kept), as arrays for the
# compiled placement; Line.reason gets the LineReason at the end.
_REASONS = tuple(LineReason)
_CODE_OF: dict[LineReason | None, int] = {None: 0}
_CODE_OF.update((reason, code) for code, reason in enumerate(_REASONS, start=1))
KEPT = 0
BOILERPLATE = _CODE_OF[LineReason.boilerplate]
TEMPLATE = _CODE_OF[LineReason.template]
DUPLICATE = _CODE_OF[LineReason.duplicate]
PHOTO_CREDIT_CODE = _CODE_OF[LineReason.photo_credit]
OUTSIDE_ARTICLE = _CODE_OF[LineReason.outside_article]
SHORT_RUN_CODE = _CODE_OF[LineReason.short_run]
BYLINE_CODE = _CODE_OF[LineReason.byline]
_TEXT = operator.attrgetter("text")
_REASON = operator.attrgetter("reason")


def clean(doc: Doc, weights: np.ndarray = WEIGHTS) -> Doc:
    """Mark every dropped line of doc.lines with its reason; kept lines form the body.
    weights: the line model's (model_weights); another model's when a fit tries it."""
    lines = doc.lines
    texts = list(map(_TEXT, lines))
    given = list(map(_REASON, lines))
    if given.count(None) == len(given):
        codes = np.zeros(len(lines), dtype=np.int8)
    else:
        codes = np.fromiter(map(_CODE_OF.__getitem__, given), np.int8, len(lines))
    original = codes.copy()
    unmarked = codes == KEPT
    scan = scan_lines(texts)
    words, prose = scan.words, scan.prose

    codes[scan.chrome & unmarked] = BOILERPLATE
    for i in np.flatnonzero(scan.needs_rules & unmarked).tolist():
        cues, hits = int(scan.cues[i]), int(scan.hits[i])
        if cues & linescan.UNSURE_CUE:
            cues, hits = line_cues(texts[i])
        reason = line_rule(texts[i], int(words[i]), bool(prose[i]), cues, hits)
        if reason is not None:
            codes[i] = _CODE_OF[reason]
    _mark_consent_notices(texts, codes, scan.mentions_cookie, prose)
    _mark_copyright_notices(texts, codes, scan.hits)
    _mark_link_labels(texts, codes, words)
    menu = scan.fields >= MENU_MIN_SEPARATORS
    menu &= words <= MENU_FIELD_WORDS * (scan.fields + 1)
    codes[menu & (codes == KEPT)] = BOILERPLATE
    _mark_duplicates(lines, scan.keys, codes)
    _mark_self_repeats(texts, codes, scan.echoes)
    _mark_cut_short_teasers(texts, codes, scan.ellipsis)
    _mark_long_captions(texts, codes, scan.cues, words)

    # Evidence the placement needs: a date or clock time on a kept fragment (a teaser), and
    # a section header among the dropped chrome (only a line that opens with a section cue
    # can be one).
    fragment = (codes == KEPT) & ~prose & (words < LONG_WORDS)
    unsure = (scan.cues & linescan.UNSURE_CUE) != 0
    stamp = fragment & scan.stamp & ~unsure
    stamp[[i for i in np.flatnonzero(fragment & unsure).tolist() if _STAMP.search(texts[i])]] = True
    section_end = _mark_galleries(texts, codes, scan, words)
    signatures = _comment_signatures(texts, prose, words)
    codes[[i for i in signatures if codes[i] == KEPT]] = BOILERPLATE
    # A site's header recurs on its every page, so a template line may be one too.
    headers = ((codes == BOILERPLATE) | (codes == TEMPLATE)) & (words <= PHRASE_MAX_WORDS)
    headers &= (scan.cues & (linescan.SECTION_CUE | linescan.UNSURE_CUE)) != 0
    ends = [i for i in np.flatnonzero(headers).tolist() if SECTION_END.match(texts[i])]
    section_end[ends] = True
    # A box of other stories is a box inside an article too, with its own test of the prose
    # after it.
    teaser_box = np.zeros(len(texts), dtype=np.bool_)
    teaser_box[[i for i in ends if TEASER_BOX.match(texts[i])]] = True
    inline_box = teaser_box.copy()
    inline_box[[i for i in ends if INLINE_BOX.match(texts[i])]] = True
    markup = _markup_lines(texts, scan.opens_tag & (codes == KEPT))
    list_mark = _with_ordered_lists(texts, scan, words)
    introduced = _introduced_lists(texts, prose, words, codes)
    start, end = _place_article(
        words,
        prose,
        list_mark,
        codes,
        stamp,
        section_end,
        markup,
        inline_box,
        introduced,
        teaser_box,
        weights,
    )
    start = _past_account_prompts(texts, prose, codes, start, end)
    end = _drop_trailing_titles(texts, prose, list_mark, introduced, codes, start, end)
    start = _drop_leading_titles(texts, prose, list_mark, introduced, codes, start, end)
    end = _before_comments(signatures, prose, list_mark, codes, start, end)
    end = _before_author_bio(texts, codes, start, end)
    start, end = _without_edge_notices(texts, prose, codes, start, end)
    _restore_placed_copies(scan.keys, prose, codes, start, end)

    _mark_teasers(texts, codes, scan.heads)
    # A form's notices are left out once the article is placed: a newsletter box the article
    # holds would otherwise cut it in parts.
    for i in np.flatnonzero(codes == KEPT).tolist():
        if _FORM_NOTICE.match(texts[i]):
            codes[i] = BOILERPLATE
    changed = np.flatnonzero(codes != original)
    for i, code in zip(changed.tolist(), codes[changed].tolist(), strict=True):
        lines[i].reason = _REASONS[code - 1]
    doc.meta["block"] = (lines[start].no, lines[end].no) if end >= start else None
    return doc


def _drop_trailing_titles(texts, prose, list_mark, introduced, codes, start: int, end: int):
    """The article's end once a run of titles closing it is dropped: SHORT_RUN kept lines or
    more of TITLE_MIN_WORDS words, none of them prose, an item of a list or a row of figures,
    after its last paragraph and a short header, if any (other stories under a header in a
    language SECTION_END lacks, "Saistītie raksti")."""
    kept = np.flatnonzero(codes[start : end + 1] == KEPT) + start
    kept_prose = kept[prose[kept]]
    if not len(kept_prose):
        return end
    last_prose = int(kept_prose[-1])
    closing = kept[kept > last_prose].tolist()
    header = closing[:1] if closing and len(texts[closing[0]].split()) < TITLE_MIN_WORDS else []
    titles = closing[len(header) :]
    for i in titles:
        tokens = texts[i].split()
        # A list's items, or a table's rows of figures, may close an article.
        if list_mark[i] or introduced[i] or len(tokens) < TITLE_MIN_WORDS:
            return end
        # A sentence ending with a colon introduces the article's own list; a header
        # ("La rédaction vous conseille :") is a phrase.
        if len(tokens) > PHRASE_MAX_WORDS and texts[i].endswith(_COLONS):
            return end
        if 2 * len(WORDY_TOKEN.findall(texts[i])) < len(tokens):
            return end
    if len(titles) < SHORT_RUN or (header and list_mark[header[0]]):
        return end
    codes[closing] = OUTSIDE_ARTICLE
    return last_prose


# An author's bio closing the article: the name alone, then a paragraph about them opening
# with it ("Madison Weil" / "Madison Weil joined the KESQ News Channel 3 team in 2019 …",
# "Jake Goulding" / "Jake is the co-founder of …"). It stands among the run's last lines.
BIO_REACH_LINES = 6
BIO_NAME = re.compile(r"(?:[^\W\d_][\w.'’-]*\.?)(?: [^\W\d_][\w.'’-]*){1,3}")
BIO_MIN_WORDS = 8
# Determiners open a heading ("Our Programs" / "Our work spans …"), never a first name.
BIO_NOT_FIRST_NAMES = frozenset(
    {"the", "our", "a", "an", "this", "la", "le", "les", "der", "die", "das"}
)


def _before_author_bio(texts, codes, start: int, end: int) -> int:
    """The article's end once an author's bio closing it is left out (as a byline's
    affiliation is)."""
    kept = (np.flatnonzero(codes[start : end + 1] == KEPT) + start).tolist()
    first_read = max(1, len(kept) - BIO_REACH_LINES)  # the article before it stays
    for at in range(first_read, len(kept) - 1):
        name = texts[kept[at]].split()
        if not BIO_NAME.fullmatch(texts[kept[at]]) or not all(w[0].isupper() for w in name):
            continue
        if name[0].casefold() in BIO_NOT_FIRST_NAMES:
            continue
        bio = texts[kept[at + 1]].split()
        if len(bio) < BIO_MIN_WORDS:
            continue
        if bio[: len(name)] == name:
            after = bio[len(name)]
        elif bio[0] == name[0] and bio[1].casefold() != name[1].casefold():
            # "Jake is …" under "Jake Goulding"; not a heading over its paragraph ("List
            # Comprehensions" / "List comprehensions are …").
            after = bio[1]
        elif bio[0] in ("I", "I'm", "I’m"):
            after = bio[1]  # in the first person: "I am a freelance writer in Asheville …"
        else:
            continue
        if after[:1].islower():
            codes[kept[at:]] = BYLINE_CODE
            return kept[at - 1]
    return end


def _drop_leading_titles(texts, prose, list_mark, introduced, codes, start: int, end: int):
    """The article's start once a run of titles opening it is dropped: SHORT_RUN kept lines
    or more of TITLE_MIN_WORDS words before its first paragraph, none of them prose, an item
    of a list or a row of figures (other stories' titles over the article, "Tim Scott
    reveals …" / "GOP candidates divided …" / "Republican debate verdict: …")."""
    kept = np.flatnonzero(codes[start : end + 1] == KEPT) + start
    kept_prose = kept[prose[kept]]
    if not len(kept_prose):
        return start
    first_prose = int(kept_prose[0])
    opening = kept[kept < first_prose].tolist()
    if len(opening) < SHORT_RUN:
        return start
    for i in opening:
        tokens = texts[i].split()
        if list_mark[i] or introduced[i] or len(tokens) < TITLE_MIN_WORDS:
            return start
        if texts[i].endswith(_COLONS) or 2 * len(WORDY_TOKEN.findall(texts[i])) < len(tokens):
            return start
        # A title opens as one and holds no sentence's end: not a paragraph wrapped into
        # lines ("… A few weeks later, a" / "colleague at work wrote …"), nor a caption.
        if texts[i][0].islower() or _SENTENCE_INSIDE.search(texts[i]):
            return start
    codes[opening] = OUTSIDE_ARTICLE
    return first_prose


_SENTENCE_INSIDE = re.compile(r"[.!?]\s+[A-Z]")


# An invitation to log in or subscribe ("Log in with your X account to …", "Sign up for a
# free X account …"): it reads as a sentence, but a site's chrome says it, not an article.
_ACCOUNT_PROMPT = re.compile(
    r"(?i)^(?:log ?in|sign ?in|sign ?up|register|subscribe|create an? (?:free )?account|"
    r"connectez-vous|inscrivez-vous|abonnez-vous|regístrate|suscríbete|melden sie sich)\b"
    r".*\b(?:account|newsletter|subscription|compte|cuenta|konto)\b"
)


def _past_account_prompts(texts, prose, codes, start: int, end: int) -> int:
    """Where the article starts once the account prompts opening its run are left out (with
    the fragments among them): a sign-in box above a headline can read as prose."""
    first = prompts = start
    for first in range(start, end + 1):
        if codes[first] != KEPT or not prose[first]:
            continue
        if not _ACCOUNT_PROMPT.match(texts[first]):
            break
        codes[first] = BOILERPLATE
        prompts = first + 1
    else:
        first = end + 1  # nothing but prompts
    if prompts == start:
        return start
    for i in range(start, first):
        if codes[i] == KEPT:
            codes[i] = OUTSIDE_ARTICLE
    return first


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
_FORM_NOTICE = re.compile(
    r"(?i)^\W{0,3}(?:this (?:site|form|page) is protected by recaptcha\b|"
    r"sorry, there (?:seems?|appears?) to (?:be|have been) (?:some|an?) "
    r"(?:issues?|problems?|errors?)\b|"
    r"by (?:submitting|signing up|subscribing|clicking|registering)\b[^.]{0,80}"
    r"\byou (?:agree|accept|consent) to\b[^.]{0,40}\b(?:terms|privacy|conditions|"
    r"(?:user|personal) (?:information|data))|"
    r"this is a preview of subscription content\b|"
    r"did you know you can manage your (?:profile|account)\b|"
    r"(?:click here to )?(?:get|download) (?:the|our) (?:[\w-]+ ){0,3}app\b|"
    r"this is a modal window\b|inread invented by teads\b|contact me with news and offers\b|"
    # A video player's caption settings (video.js): its dialog and the options it lists.
    r"(?:beginning|end) of dialog window\b|reset restore all settings to the default values\b|"
    r"text edge style\b|font family default\b|font size 50%|defaults done$|"
    r"(?:(?:foreground|background|window|color)\W+)?(?:white black|black white) red green blue\b|"
    r"(?:we are|[\w.]+ is) a participant in the amazon services llc associates program\b)"
)


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


def _mark_consent_notices(
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


def _markup_lines(texts: list[str], opens_tag: np.ndarray) -> np.ndarray:
    """Lines of raw HTML that a page's text kept (a noscript notice, a tracking pixel, an
    unrendered widget): mostly tags. They neither make an article nor break one, since a
    code sample inside an article reads the same."""
    markup = np.zeros(len(texts), dtype=np.bool_)
    if not opens_tag.any():
        return markup
    for i in np.flatnonzero(opens_tag).tolist():
        tags = sum(map(len, _TAG.findall(texts[i])))
        markup[i] = tags >= MARKUP_MIN_SHARE * len(texts[i])
    return markup


def _mark_galleries(
    texts: list[str], codes: np.ndarray, scan: linescan.LineScan, words: np.ndarray
) -> np.ndarray:
    """Mark a gallery's slide counters ("2/50 Star Wars boosts economy", "3/50 …") as chrome,
    and return them as the ends of parts of the page: a gallery's captions read as prose,
    and each counter ends one, as a section header does. A gallery is one total counted up
    on GALLERY_MIN_SLIDES slides at least ("1/2 cup", "1 of 24" alone are not)."""
    barriers = np.zeros(len(texts), dtype=np.bool_)
    numbered = (scan.cues & (linescan.NUMBER_CUE | linescan.UNSURE_CUE)) != 0
    slides: dict[int, dict[int, list[int]]] = {}
    for i in np.flatnonzero(numbered & (words <= PHRASE_MAX_WORDS)).tolist():
        if (match := _COUNTER.match(texts[i])) and 1 <= int(match[1]) <= int(match[2]):
            slides.setdefault(int(match[2]), {}).setdefault(int(match[1]), []).append(i)
    for total, numbers in slides.items():
        if len(numbers) >= GALLERY_MIN_SLIDES:
            at = [i for lines in numbers.values() for i in lines]
            codes[[i for i in at if codes[i] == KEPT]] = BOILERPLATE
            barriers[at] = True
        elif total >= GALLERY_MIN_SHOWN and 1 in numbers:
            for first in numbers[1]:
                if _FIRST_SLIDE.match(texts[first]):
                    _mark_shown_slides(codes, words, first, total)
    return barriers


def _mark_shown_slides(codes: np.ndarray, words: np.ndarray, first: int, total: int) -> None:
    """A gallery whose page shows its first counter alone ("1 /21 Europe eases lockdown")
    and then its slides, each a caption over its credit or date ("Commuters sit in a coach
    …" / "AFP via Getty Images"): the captions read as prose, so they are marked as
    captions, up to the first two long lines in a row (prose again)."""
    captions: list[int] = []
    shown: list[int] = []
    j = first + 1
    while j < len(codes) and len(captions) < total:
        if words[j] <= SHORT_WORDS:
            shown.append(j)
        elif j + 1 < len(codes) and words[j + 1] <= SHORT_WORDS:
            captions.append(j)
        else:
            break
        j += 1
    if len(captions) >= GALLERY_MIN_SLIDES:
        slides = [first, *captions, *shown]
        codes[[i for i in slides if codes[i] == KEPT]] = PHOTO_CREDIT_CODE


# A comment's signature as blog software prints it in many languages ("Jane Doe says:",
# "Jane sagt:", "Jeanne dit :"), over the time it was posted.
_SAYS = re.compile(
    r"\s(?:says|sagt|schreibt|dit|écrit|dice|escribe|diz|disse|scrive|zegt|schreef|skriver|"
    r"säger|sier|siger|pisze|napisał|napsal|sanoo|пишет|говорит)\s?:$"
)
SIGNATURE_MAX_WORDS = 8
_CLOCK = re.compile(r"\b\d{1,2}[:.h]\d{2}\b")


def _comment_signatures(texts: list[str], prose: np.ndarray, words: np.ndarray) -> list[int]:
    """Lines that sign a reader's comment ("Jane Doe says:" over "August 3, 2019 at 4:11
    am"); the first one inside an article ends it (_before_comments). A quote in an article
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


COMMENTS_HEADER_MAX_LINES = 3


def _before_comments(signatures, prose, list_mark, codes, start: int, end: int) -> int:
    """Where the article ends once the readers' comments it runs on into are cut, with the
    lines that head them ("5 thoughts on “…”", "91 Ergänzungen", "Posted on … Author …"):
    up to COMMENTS_HEADER_MAX_LINES kept lines that are neither prose nor list items."""
    first = next((i for i in signatures if start < i <= end), None)
    if first is None:
        return end
    cut = first
    header = 0
    for i in range(first - 1, start, -1):
        if codes[i] != KEPT:
            continue
        if prose[i] or list_mark[i] or header == COMMENTS_HEADER_MAX_LINES:
            break
        header += 1
        cut = i
    for i in range(cut, end + 1):
        if codes[i] == KEPT:
            codes[i] = OUTSIDE_ARTICLE
    return cut - 1


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
# "You can find this story in My Bookmarks", "Make your contribution now … Donate today").
_READER_ASK = re.compile(
    r"(?i)\b(?:subscri(?:be|bers?|bing|ption)|sign(?:ing)? ?(?:up|in)|log(?:ged)? ?in|newsletters?"
    r"|inbox|donat(?:e|ion|ing)|contribution|bookmarks?|register)\b"
)
PROMPT_MAX_WORDS = 60


def asks_reader(text: str) -> bool:
    """Whether a line asks its reader to subscribe, sign up, give or keep the story."""
    if len(text.split()) > PROMPT_MAX_WORDS or not _READER_ASK.search(text):
        return False
    return READER.search(text) is not None


def _site_notice(text: str) -> bool:
    return asks_reader(text) or _is_disclosure(text)


def _without_edge_notices(texts, prose, codes, start: int, end: int) -> tuple[int, int]:
    """The article's run once the site's notices at its edges are left out, with the
    fragments among them: a site asks its reader to sign up or give, or discloses what its
    links earn it, above an article or under it, and the placement, which weighs a notice's
    sentences as prose, may take them in. Only the edges are read: inside the article, such a
    sentence is quoted."""
    kept = [i for i in range(start, end + 1) if codes[i] == KEPT]

    def notices(lines) -> int:
        """How many of lines, from the edge in, are notices or fragments after one."""
        taken, peeled = 0, False
        for i in lines:
            if _site_notice(texts[i]):
                peeled = True
            elif not peeled or prose[i]:
                break
            taken += 1
        return taken

    first = notices(kept)
    last = len(kept) - 1 - notices(reversed(kept[first:]))
    if first > last:
        return start, end  # nothing but notices: no call to make here
    for i in kept[:first] + kept[last + 1 :]:
        codes[i] = OUTSIDE_ARTICLE
    return (kept[first] if first else start), (kept[last] if last < len(kept) - 1 else end)


# An item of an ordered list: "1. Finland", "2) Norway".
_ORDINAL = re.compile(r"(\d{1,3})[.)]\s")
# The list mark of an ordered list's items (no character opens a line with it).
ORDERED_MARK = -1
_COLONS = (":", "：")
INTRODUCED_MIN_ITEMS = 2


def _with_ordered_lists(texts: list[str], scan: linescan.LineScan, words: np.ndarray):
    """The lines' list marks, with the items of ordered lists marked too: lines in a row that
    open with numbers counting up by one ("1. Finland", "2. Norway") are a list in the
    article, not a list of links."""
    list_mark = scan.list_mark
    numbered = (scan.cues & (linescan.NUMBER_CUE | linescan.UNSURE_CUE)) != 0
    previous_line, previous_number = -2, 0
    for i in np.flatnonzero(numbered & (words <= PHRASE_MAX_WORDS)).tolist():
        if not (match := _ORDINAL.match(texts[i])):
            continue
        number = int(match[1])
        if i == previous_line + 1 and number == previous_number + 1:
            if list_mark is scan.list_mark:
                list_mark = list_mark.copy()
            list_mark[previous_line] = list_mark[i] = ORDERED_MARK
        previous_line, previous_number = i, number
    return list_mark


def _introduced_lists(texts: list[str], prose: np.ndarray, words: np.ndarray, codes: np.ndarray):
    """The items of lists that a line ending with a colon introduces ("What You'll Need:",
    then "Moss", "Tweezers" …) where the article goes on in sentences right after them: the
    article's own list, however short its items, not a list of links. Lists may follow one
    another ("Cast:", names, "Notes:", items, then sentences) when the article's sentences
    lead into the first: a footer's lists ("Follow us on:", links, "Member of:", then its
    copyright line) follow no sentence."""
    introduced = np.zeros(len(texts), dtype=np.bool_)
    fragments = ~prose & (words <= PHRASE_MAX_WORDS)
    count = len(texts)

    def past_items(colon_line: int) -> int:
        """The first line past a colon line's items: a list ends at the next colon line."""
        after = colon_line + 1
        while after < count and fragments[after] and not texts[after].endswith(_COLONS):
            after += 1
        return after

    for i in np.flatnonzero((codes == KEPT) & ~prose).tolist():
        if not texts[i].endswith(_COLONS):
            continue
        previous = i - 1  # the kept line before it
        while previous >= 0 and codes[previous] != KEPT:
            previous -= 1
        led_in = previous >= 0 and bool(prose[previous])
        items_end = past_items(i)
        if items_end - i - 1 >= INTRODUCED_MIN_ITEMS and items_end < count and prose[items_end]:
            introduced[i + 1 : items_end] = True
            continue
        if not (led_in or words[i] > PHRASE_MAX_WORDS):
            continue
        after = i
        while (after == i or texts[after].endswith(_COLONS)) and not prose[after]:
            following = past_items(after)
            if following == count or 0 < following - after - 1 < INTRODUCED_MIN_ITEMS:
                break
            after = following
        if after < count and prose[after] and after > items_end:
            introduced[i + 1 : after] = True
    return introduced


def _mark_duplicates(lines: list[Line], keys: np.ndarray, codes: np.ndarray) -> None:
    """Keep the first copy of a repeated line; an image's alt text and caption render as the
    same line twice in a row, and both go."""
    for i in np.flatnonzero(keys[1:] == keys[:-1]).tolist():
        first, second = lines[i], lines[i + 1]
        if first.no + 1 == second.no and first.text == second.text:
            for j in (i, i + 1):
                if codes[j] in (KEPT, DUPLICATE):
                    codes[j] = PHOTO_CREDIT_CODE
    _mark_repeats(keys, codes)


def _repeats_itself(text: str) -> bool:
    """Whether text says one phrase of SELF_REPEAT_MIN_WORDS words or more two or three times
    in a row, maybe with the start of one more copy."""
    head = text[:SELF_REPEAT_HEAD_CHARS]
    again = text.find(head, 1)
    # The phrase ends where its opening comes again at a word's start, once it has its words.
    while again != -1 and (
        text[again - 1] != " " or text.count(" ", 0, again - 1) + 1 < SELF_REPEAT_MIN_WORDS
    ):
        again = text.find(head, again + 1)
    if again == -1 or not 2 * again - 1 <= len(text) < SELF_REPEAT_MAX_COPIES * again:
        return False
    return text[again:] == text[: len(text) - again]  # said again and again from there


def _mark_self_repeats(texts: list[str], codes: np.ndarray, echoes: np.ndarray) -> None:
    for i in np.flatnonzero((codes == KEPT) & echoes).tolist():
        if _repeats_itself(texts[i]):
            codes[i] = DUPLICATE


def _mark_cut_short_teasers(texts: list[str], codes: np.ndarray, ellipsis: np.ndarray) -> None:
    """A teaser cut short, then its link ("… overloaded with sights, sounds,… Read more"), is
    chrome however long it runs."""
    for i in np.flatnonzero((codes == KEPT) & ellipsis).tolist():
        tail = texts[i][-CUT_SHORT_TAIL_CHARS:]
        if ends_as_sentence(tail):
            continue  # "He said he would… register as a candidate." goes on as a sentence
        if (cut := _CUT_SHORT.search(tail)) and chrome_hits(cut.group(1)):
            codes[i] = BOILERPLATE


# A caption says it is one at its start ("Media caption Mr Obama told the BBC …") or credits
# its picture at its end ("… on a Harare street on Thursday Credit: STR/AFP"), however long.
_CAPTION_OPENING = re.compile(r"(?i)^(?:image|media|video|photo|picture)\s+caption\b")
_CAPTION_CONTROLS = (" hide caption", " toggle caption")
_CREDIT_ENDING = re.compile(
    r"(?i)\b(?:credits?|photo(?:graph)?s?|fotos?|images?)\s?:\s?[^\s.:]+(?:\s+[^\s.:]+){0,7}$"
)
# Room at the end of a caption for its credit: the mark, a colon and eight words.
CREDIT_TAIL_CHARS = 90


def _mark_long_captions(
    texts: list[str], codes: np.ndarray, cues: np.ndarray, words: np.ndarray
) -> None:
    """Kept lines that say they are a caption, among those with a picture's cue word (the
    scan finds them on lines of up to DENSE_PHRASE_MAX_WORDS words)."""
    pictured = (cues & (linescan.PHOTO_CUE | linescan.UNSURE_CUE)) != 0
    for i in np.flatnonzero((codes == KEPT) & pictured).tolist():
        text = texts[i]
        tail = text[-CREDIT_TAIL_CHARS:]
        if _CAPTION_OPENING.match(text) or (":" in tail and _CREDIT_ENDING.search(tail)):
            codes[i] = PHOTO_CREDIT_CODE
    # A caption with its control run on after it, however long: "Smoke rises over … Getty
    # Images hide caption" (no sentence: it ends with the control; the scan reads cue words
    # on short lines only).
    for i in np.flatnonzero((codes == KEPT) & (pictured | (words >= LONG_WORDS))).tolist():
        if texts[i].endswith(_CAPTION_CONTROLS):
            codes[i] = PHOTO_CREDIT_CODE


@compiled(cache=True, nogil=True)
def _mark_repeats(keys, codes):
    order = np.argsort(keys, kind="mergesort")  # stable: a key's first line comes first
    for rank in range(1, len(order)):
        i = order[rank]
        if keys[i] == keys[order[rank - 1]] and codes[i] == KEPT:
            codes[i] = DUPLICATE


def _restore_placed_copies(keys, prose, codes, start: int, end: int) -> None:
    """A paragraph of the article that the page also shows above or below it (a summary box,
    a teaser of this very story) was dropped as the copy of a line placement has since left
    out: the article's copy comes back. Only prose whose every other copy placement left out,
    not chrome a rule dropped wherever it stood."""
    placed = [i for i in range(start, end + 1) if codes[i] == DUPLICATE and prose[i]]
    if not placed:
        return
    copies: dict = {}
    for i in range(len(keys)):
        copies.setdefault(keys[i], []).append(i)
    for i in placed:
        others = [j for j in copies[keys[i]] if j != i]
        if others and all(codes[j] == OUTSIDE_ARTICLE for j in others):
            codes[i] = KEPT


def _mark_teasers(texts: list[str], codes: np.ndarray, heads: np.ndarray) -> None:
    """A kept line that opens a longer kept line is a teaser or summary of it: drop it."""
    # Only lines whose first TEASER_MIN_CHARS characters match another kept line's can be
    # one; their case-folded texts decide, and the keys that start with a key sort after it.
    candidates = _shared_heads(heads, codes).tolist()
    if len(candidates) < 2:
        return
    keys = sorted((_normalised(texts[i]), i) for i in candidates)
    for (key, i), (next_key, _) in itertools.pairwise(keys):
        if len(key) >= TEASER_MIN_CHARS and next_key.startswith(key):
            codes[i] = DUPLICATE


@compiled(cache=True, nogil=True)
def _shared_heads(heads, codes):
    """Kept lines whose head key another kept line shares, or is not known."""
    kept = np.flatnonzero((codes == KEPT) & (heads != 0))
    order = kept[np.argsort(heads[kept])]
    shared = np.zeros(len(heads), dtype=np.bool_)
    for rank in range(len(order)):
        head = heads[order[rank]]
        if (
            head == linescan.UNSURE
            or (rank > 0 and heads[order[rank - 1]] == head)
            or (rank + 1 < len(order) and heads[order[rank + 1]] == head)
        ):
            shared[order[rank]] = True
    return np.flatnonzero(shared)


@compiled(cache=True, nogil=True)
def _place_article(
    words,
    prose,
    list_mark,
    codes,
    stamp,
    section_end,
    markup,
    inline_box,
    introduced,
    teaser_box,
    weights,
):
    """Find the article's run of lines, mark what lies outside it and the lists inside it;
    return the run's first and last line index (end < start: no article). Items of a list
    the article introduces (introduced) are never taken for a list of links.

    Each line scores by the line model (weights, see LINE_FEATURES): by how much it looks
    like prose against how much it looks like chrome. Length carries most of it: short
    fragments cost, longer lines pay in proportion, and a sentence ending pays a bonus. A
    long line without sentence punctuation is a word list; a fragment carrying a date or a
    clock time is a teaser. Lines already recognised as metadata, and raw markup, are
    neutral, so that they neither break nor extend the article; chrome costs, and a header
    of what follows an article all but ends it.

    Section headers cut the page into parts; each part offers its maximum-sum contiguous run
    (Kadane). Comments and related stories follow the article and can outweigh it, so the
    first run that carries a fair share of the best run's weight is the article. The article
    then goes on past a box of related links inside it, and past an embedded widget (a
    gallery, a player, a table) after which prose resumes.
    """
    count = len(words)
    # Items of a list the article introduces are neutral too: short, they would cut it.
    scores = _line_scores(
        words, prose, codes, stamp, section_end, markup | introduced, list_mark, weights
    )
    best = -np.inf
    runs = []
    low = 0
    for high in range(count + 1):
        if high < count and scores[high] > -SECTION_END_COST:
            continue
        if high > low:
            run = _max_run(scores, low, high)
            runs.append(run)
            best = max(best, run[0])
        low = high + 1
    start, end, weight = 0, -1, 0.0
    fair = max(weights[_W_FIRST_SHARE] * best, min(weights[_W_FIRST_MIN], best))
    reach = -1  # where the article ends past boxes of related links inside it
    for k, (total, run_start, run_end) in enumerate(runs):
        # An article that a box of related links interrupts weighs as a whole.
        boxed_weight, reach = _boxed_run(
            runs, k, words, prose, codes, section_end, inline_box, teaser_box, stamp
        )
        if total > 0 and boxed_weight >= fair:
            start, end, weight = run_start, run_end, total
            break
    if end >= start and _isolated_share(prose, codes, start, reach) >= FEED_ISOLATED_SHARE:
        for total, run_start, run_end in runs:
            if run_start <= end or total < fair:
                continue
            if _isolated_share(prose, codes, run_start, run_end) <= ARTICLE_ISOLATED_SHARE:
                start, end, weight = run_start, run_end, total
                break
    if end >= start:
        end = _past_boxes(
            runs, end, weight, words, prose, codes, section_end, inline_box, teaser_box, stamp
        )
        end = _past_widgets(scores, end, weight, words, prose, codes)
        # A run that starts or ends inside a list (one mark, item after item) holds all of
        # it: items are short, and scoring alone would cut the list anywhere.
        while start > 0 and list_mark[start] and list_mark[start - 1] == list_mark[start]:
            if codes[start - 1] != KEPT:
                break
            start -= 1
        while end + 1 < count and list_mark[end] and list_mark[end + 1] == list_mark[end]:
            if codes[end + 1] != KEPT:
                break
            end += 1

    for i in range(count):
        if (i < start or i > end) and codes[i] == KEPT:
            codes[i] = OUTSIDE_ARTICLE
    # Inside the article, a run of short fragments is a list of links; lines already
    # dropped do not break it.
    run_length, run_first = 0, start
    for i in range(start, end + 2):
        if i <= end and codes[i] != KEPT:
            continue
        # i == end + 1 closes the last run: it may be one past the page, never read there.
        short = i <= end and not prose[i] and words[i] <= SHORT_WORDS
        if short and not (list_mark[i] or introduced[i]):
            if run_length == 0:
                run_first = i
            run_length += 1
            continue
        if run_length >= SHORT_RUN:
            for j in range(run_first, i):
                if codes[j] == KEPT:
                    codes[j] = SHORT_RUN_CODE
        run_length = 0
    return start, end


@compiled(cache=True, nogil=True)
def _line_scores(words, prose, codes, stamp, section_end, neutral, list_mark, weights):
    """Each line's score in the main-block search: the line model's linear score of a kept
    line's features, a fixed cost for chrome, the barrier for a section header; lines
    recognised as metadata (and neutral ones) score nothing."""
    scores = np.zeros(len(words), dtype=np.float64)
    # A section header's cost stays below every fitted score, so the barrier test holds.
    floor = 1.0 - SECTION_END_COST
    for i in range(len(words)):
        code = codes[i]
        if code == KEPT:
            if neutral[i]:
                continue
            if prose[i]:
                score = weights[_W_WORDS] * words[i] + weights[_W_BIAS] + weights[_W_SENTENCE]
            elif words[i] >= LONG_WORDS:
                score = weights[_W_WORD_LIST]
            else:
                score = weights[_W_WORDS] * words[i] + weights[_W_BIAS]
                if stamp[i]:
                    score += weights[_W_STAMP]
                if list_mark[i] != 0:
                    score += weights[_W_LIST_ITEM]
            score += weights[_W_POSITION] * i / len(words)
            scores[i] = max(score, floor)
        elif code in (BOILERPLATE, TEMPLATE):
            scores[i] = -SECTION_END_COST if section_end[i] else max(weights[_W_CHROME], floor)
    return scores


@compiled(cache=True, nogil=True)
def _max_run(scores, low, high):
    """The maximum-sum run of scores[low:high]: (total, first, last)."""
    total, run_start, run_end = -np.inf, low, low - 1
    running, start = 0.0, low
    for i in range(low, high):
        if running <= 0:
            running, start = scores[i], i
        else:
            running += scores[i]
        if running > total:
            total, run_start, run_end = running, start, i
    return total, run_start, run_end


@compiled(cache=True, nogil=True)
def _isolated_share(prose, codes, first, last):
    """Share of the kept sentences in codes[first:last + 1] with no kept sentence next to
    them (dropped lines between do not part two paragraphs)."""
    sentences = isolated = 0
    previous_prose = False
    alone = False  # the last kept line is a sentence with none before it
    for i in range(first, last + 1):
        if codes[i] != KEPT:
            continue
        if prose[i]:
            sentences += 1
            alone = not previous_prose
        elif alone:
            isolated += 1
            alone = False
        previous_prose = prose[i]
    if alone:
        isolated += 1
    return isolated / sentences if sentences else 0.0


@compiled(cache=True, nogil=True)
def _mostly_prose(words, prose, codes, first, last):
    prose_words = kept_words = 0
    for i in range(first, last + 1):
        if codes[i] == KEPT:
            kept_words += words[i]
            prose_words += words[i] if prose[i] else 0
    return prose_words >= CONTINUATION_PROSE_SHARE * kept_words


@compiled(cache=True, nogil=True)
def _gap_items(codes, prose, first, last):
    """Kept lines in codes[first:last], or -1 if one of them is prose."""
    items = 0
    for i in range(first, last):
        if codes[i] == KEPT:
            if prose[i]:
                return -1
            items += 1
    return items


@compiled(cache=True, nogil=True)
def _drop_gap(codes, first, last):
    for i in range(first, last):
        if codes[i] == KEPT:
            codes[i] = SHORT_RUN_CODE


@compiled(cache=True, nogil=True)
def _box_continues(runs, k, end, words, prose, codes, section_end, inline_box, teaser_box, stamp):
    """Whether runs[k] goes on an article ending at end, past a box inside it: a box of
    related links (a few titles), or a box of other stories the site places inside its
    articles (up to RESUME_MAX_GAP lines, no dates) after which two paragraphs or more run
    on; and no header of what follows an article."""
    _, run_start, run_end = runs[k]
    boxed = teasers = dated = False
    for i in range(end + 1, run_start):
        if section_end[i] and not inline_box[i]:
            return False
        boxed |= inline_box[i]
        teasers |= teaser_box[i]
        dated |= stamp[i]
    items = _gap_items(codes, prose, end + 1, run_start)
    # The box's titles may open the run (a long title scores as a line of the article); the
    # article goes on from the run's first sentence, as _past_boxes drops what precedes it.
    first_prose = run_start
    while first_prose < run_end and not (codes[first_prose] == KEPT and prose[first_prose]):
        first_prose += 1
    if not boxed or items < 0 or not _mostly_prose(words, prose, codes, first_prose, run_end):
        return False
    if not teasers:
        return items <= BOX_MAX_ITEMS
    paragraphs = 0
    for i in range(run_start, run_end + 1):
        paragraphs += codes[i] == KEPT and prose[i]
    # Teasers with a summary each read as prose too, but their sentences stand alone.
    running = _isolated_share(prose, codes, run_start, run_end) <= ARTICLE_ISOLATED_SHARE
    return not dated and run_start - end - 1 <= RESUME_MAX_GAP and paragraphs >= 2 and running


@compiled(cache=True, nogil=True)
def _inside_box(run):
    """Whether a run that does not go on the article may be a line of a box inside it, which
    the article goes on past: a few lines that weigh a little (a promo, "Mirror
    Football email - sign-up for …" between two "Related Articles" boxes). A run that weighs
    nothing is chrome, and the article ended before it. When the article is chosen
    (_boxed_run), only a run of paragraphs goes on so: a teaser before a box is no article's
    start."""
    total, first, last = run
    return total > 0 and last - first < BOX_MAX_ITEMS


@compiled(cache=True, nogil=True)
def _boxed_run(runs, k, words, prose, codes, section_end, inline_box, teaser_box, stamp):
    """The weight of runs[k] with the runs that go on after it past boxes inside it, and
    where the last of them ends. Runs past boxes count once together they weigh
    RESUME_SHARE of what came before (an article a box interrupts again and again)."""
    total, start, end = runs[k]
    # A run of two paragraphs or more is an article's start, which may go on past a box
    # holding a line of weight (_inside_box); a teaser before a box may not.
    paragraphs = 0
    for i in range(start, end + 1):
        paragraphs += codes[i] == KEPT and prose[i]
    pending, pending_end = 0.0, end
    for j in range(k + 1, len(runs)):
        if not _box_continues(
            runs, j, pending_end, words, prose, codes, section_end, inline_box, teaser_box, stamp
        ):
            if paragraphs >= 2 and _inside_box(runs[j]):
                continue
            break
        pending += runs[j][0]
        pending_end = runs[j][2]
        if pending >= RESUME_SHARE * total:
            total += pending
            end = pending_end
            pending = 0.0
    return total, end


@compiled(cache=True, nogil=True)
def _past_boxes(runs, end, weight, words, prose, codes, section_end, inline_box, teaser_box, stamp):
    """The article's end once it goes on past boxes inside it (_box_continues): the next
    parts' runs, once together they weigh RESUME_SHARE of the article. The boxes' titles
    are a short run."""
    first = 0
    while first < len(runs) and runs[first][1] <= end:
        first += 1
    pending, pending_end = 0.0, end
    for k in range(first, len(runs)):
        if not _box_continues(
            runs, k, pending_end, words, prose, codes, section_end, inline_box, teaser_box, stamp
        ):
            if _inside_box(runs[k]):
                continue
            break
        pending += runs[k][0]
        pending_end = runs[k][2]
        if pending < RESUME_SHARE * weight:
            continue
        for j in range(first, k + 1):
            first_prose = runs[j][1]
            while first_prose <= runs[j][2] and not prose[first_prose]:
                first_prose += 1
            _drop_gap(codes, end + 1, first_prose)
            end = runs[j][2]
        weight += pending
        pending = 0.0
        first = k + 1
    return end


@compiled(cache=True, nogil=True)
def _past_widgets(scores, end, weight, words, prose, codes):
    """The article's end once it goes on past embedded widgets (a gallery's controls, a
    player, a table): within the same part, the best run after the article, when no prose
    stands in the gap of at most RESUME_MAX_GAP lines, the run is mostly prose and it
    weighs at least RESUME_SHARE of the article. The widget's kept lines are a short run."""
    count = len(scores)
    while True:
        part_end = end + 1
        while part_end < count and scores[part_end] > -SECTION_END_COST:
            part_end += 1
        total, run_start, run_end = _max_run(scores, end + 1, part_end)
        if run_end < run_start or total < RESUME_SHARE * weight:
            break
        if run_start - end - 1 > RESUME_MAX_GAP or _gap_items(codes, prose, end + 1, run_start) < 0:
            break
        if not _mostly_prose(words, prose, codes, run_start, run_end):
            break
        _drop_gap(codes, end + 1, run_start)
        end = run_end
    return end
