"""What the line rules read: chrome words and phrases, section headers (with the boxes among
them an article can hold), credits, bylines and date stamps, the cue words that gate the
costlier patterns, and the rules' limits."""

from __future__ import annotations

import re

from builder import linescan

# Chrome phrases decide alone only on short lines: a long sentence that says "subscribe" is prose.
PHRASE_MAX_WORDS = 12
# One chrome word condemns only a very short line: "Share", "Sign in", "Skip to content".
# A longer fragment needs two ("Click to share on Twitter"): a headline may name Facebook.
PHRASE_ALONE_MAX_WORDS = 6
# Longer lines are chrome only when packed with chrome phrases (footer sentences).
DENSE_PHRASE_MAX_WORDS = 30
DENSE_PHRASE_HITS = 3
# A link card renders its title in two or three elements: "<title> <title> <title>", the
# last one maybe cut short by the page's style. A title that short-circuits the self-repeat
# test (marks) is this long at least, in characters and in words.
SELF_REPEAT_HEAD_CHARS = 12
SELF_REPEAT_MIN_WORDS = 3
# A kept line this long that opens a longer kept line is its teaser.
TEASER_MIN_CHARS = 40
# A byline names at most a few people; one listing them by name alone ("By Steven Lee Myers,
# Keith Bradsher and Tariq Panja") may run longer.
BYLINE_MAX_WORDS = 8
BYLINE_LIST_MAX_WORDS = 12
FIELD_SEPARATOR = re.compile(f"(?<= )[{re.escape(linescan.FIELD_SEPARATORS)}](?= )")

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
        # The footer's links to a site's standards and corrections: "Request Reprint &
        # Licensing Submit Correction View Editorial Guidelines", "Report an error".
        "report an error", "submit correction", "submit a correction", "editorial guidelines",
        "editorial standards", "journalistic standards", "request reprint",
        *SKIP_LINK_PHRASES,
    )
)  # fmt: skip
PHRASE_STARTS: dict[str, tuple[tuple[str, ...], ...]] = {}
for _phrase in CHROME_PHRASES:
    PHRASE_STARTS[_phrase[0]] = (*PHRASE_STARTS.get(_phrase[0], ()), _phrase[1:])
del _phrase
COMMENT_WORDS = frozenset({"comment", "comments"})
CHROME_CUES = CHROME_WORDS | frozenset(PHRASE_STARTS) | COMMENT_WORDS | {"c"}
TOKENS = re.compile(r"[^\W_]+|©")
# Labels of a line that lists tags or points elsewhere, not the article's text: "Topics: …",
# a blog's "Posted in Food & Drink", and an encyclopedia's hatnotes ("Main article: X", "See
# also: Y").
LABEL_PREFIX = re.compile(
    r"(?i)^(?:(?:topics|tags|tagged(?: in| with)?|filed under|categories|keywords|main articles?|"
    r"see also|further information)\s*:|(?:posted|filed) (?:in|under) |tagged (?=[^:]*,))"
)


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
    about\ the\ (?:authors?|writers?)|über\ (?:den|die)\ autor(?:in|en)?|
    sobre\ (?:el|la)\ autora?|à\ propos\ de\ l['’]auteur|
    discussion\ about\ this\ (?:post|article|story)|
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
# A note that the article goes on below what interrupts it ("Story continues below
# advertisement", "Advertisement - Continue Reading Below").
CONTINUES_BELOW = re.compile(
    r"""(?ix)^\W*(?:advertisement\W*)?(?:
    (?:the\ )?(?:story|article)\ continues\ (?:below|after)(?:\ (?:this\ )?(?:advertisement|ad))?|
    continue\ reading\ below
    )\W*$"""
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
# Of the SECTION_END headers, the ones of a box of other stories a site places inside its
# articles, as well as after them ("Most popular" and a dozen titles): prose can resume
# after it too.
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
# A date or a clock time: "10:30", "15/01/2013", "2013" (linescan's stamp finds the same).
STAMP = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b(?:19|20)\d{2}\b")
# Fields parted by a spaced bar or bullet, as a metadata line parts them.
META_SEPARATORS = re.compile(r"\s[|•·]\s")
PHOTO_CREDIT = re.compile(
    r"""(?ix)
    (?:^|\|\s*)(?:photo|image|picture|foto|bild|credit|illustration|video|graphic)s?\s*
    (?:credit|source)?\s*[:|]|^credit\s
    |^(?:photo(?:graph)?|image|picture|illustration|screenshot)s?\ (?:by|courtesy\ of)\s
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
# A writer's address in a byline: "By Leonardo Castañeda | lcastaneda@bayareanewsgroup.com |
# Bay Area News Group", "Por Mariano Martín mmartin@ambito.com.ar".
EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


# Cheap token cues that gate the costlier patterns: most lines share no token with them.
PHOTO_CUES = frozenset(
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
        "screenshot",
    ]
)
BYLINE_CUES = frozenset(["by", "par", "von", "por", "di", "door", "av", "przez", "от", "автор"])
SECTION_CUES = frozenset(
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
        "über",
        "sobre",
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
        *("love", "want"),
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
# The first words of LABEL_PREFIX's labels: the cue that gates it.
LABEL_WORDS = frozenset(
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
