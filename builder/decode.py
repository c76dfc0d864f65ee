"""Decode stage: raw bytes to repaired NFC text split into numbered lines.

UTF-8 first, with a few stray bytes replaced when the rest is plainly UTF-8; a byte-order
mark names UTF-8 or UTF-16; anything else is identified by charset-normalizer (cp1252,
latin-1, Shift-JIS…). Mojibake (UTF-8 read as cp1252 and the like) is repaired by ftfy, with
the fixes that would change correct text turned off: curly quotes, dashes, full-width
characters and ligatures stay as the page has them. ``text_repaired`` records either repair.
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata

from builder.doc import Doc, Line, Rejection, RejectReason

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of C0 control characters (other than tab/newline/CR/form feed) above which a file
# is taken for binary content rather than text with a few stray bytes.
_MAX_CONTROL_SHARE = 0.01
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
# Characters that only appear in text decoded with the wrong codec: a cheap gate before ftfy.
# (ftfy's own detector is exact but costs milliseconds a page.)
_MOJIBAKE_HINTS = re.compile(
    "â€|Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u2013-\u203a"
    "\u20ac\u2122]|Â[\u00a0-\u00bf]"
)


SOFT_HYPHEN = "\u00ad"


def _fixer_config():
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        unescape_html=False,
        uncurl_quotes=False,
        fix_character_width=False,
        fix_latin_ligatures=False,
        fix_line_breaks=False,
        normalization="NFC",
    )


def _decode_bytes(raw: bytes) -> tuple[str, str, bool] | None:
    """The text, the encoding it was read as, and whether undecodable bytes were replaced."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            text = raw.decode(encoding, errors="replace")
            return text, encoding.removesuffix("-sig"), _replaced(raw, text, encoding)
    try:
        return raw.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    text = _utf8_with_stray_bytes(raw)
    if text is not None:
        return text, "utf-8", True
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    guess = best.encoding if best is not None else None
    if guess is not None and not _single_byte(guess):
        if guess.startswith(("utf_16", "utf_32")):
            guess = None  # seen in any even-length bytes
        else:
            return str(best), guess, False  # a multi-byte encoding (Shift-JIS, GBK, EUC-KR…)
    # Statistical guesses cannot tell one single-byte code page from another on short text
    # and take it for a DOS one ("caf\xe9 \x93quoted\x94" for cp1125). So the Windows code
    # pages of the scripts a web page is written in, and the guess unless it is a DOS or
    # Mac console page no web page is saved in, each read the bytes, and the reading with
    # the fewest garbled words wins: Windows-1252 on a tie (WHATWG reads latin-1 labels as
    # windows-1252 too), then the guess.
    if guess is not None and not _WEB_SINGLE_BYTE.match(guess):
        guess = None
    candidates = ["cp1252", *([guess] if guess else []), *_WINDOWS]
    readings = []
    for rank, encoding in enumerate(dict.fromkeys(candidates)):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        readings.append((garble(text), rank, encoding, text))
    if not readings:
        return (str(best), best.encoding, False) if best is not None else None
    _, _, encoding, text = min(readings)
    return text, encoding, False


# Code pages of the scripts pages are written in, after Windows-1252: Central European,
# Cyrillic, Greek, Turkish, Hebrew, Arabic, Baltic, Thai.
_WINDOWS = ("cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp874")
# The single-byte encodings web pages are saved in (not DOS, Mac or EBCDIC console pages).
_WEB_SINGLE_BYTE = re.compile(r"^(?:cp125\d|cp874|tis_620|iso8859_\d+|latin_1|koi8_\w+)$")


@functools.cache
def _single_byte(encoding: str) -> bool:
    """Whether every byte is a character of its own in the encoding."""
    try:
        return len(bytes(range(256)).decode(encoding, errors="replace")) == 256
    except LookupError:
        return False


# A word (a run of letters) with a letter outside ASCII: the only words garble() judges.
_NON_ASCII_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]*[^\x00-\x7f\W\d_][^\W\d_]*")


def garble(text: str) -> int:
    """How many words read as a wrong code page's: letters of two scripts in one word
    ("cafй"), three letters or more all accented Latin ("Ïðèâåò", Cyrillic read as
    Windows-1252), or a symbol between two letters ("wys³aæ", Polish read so)."""
    count = 0
    for match in _NON_ASCII_WORD.finditer(text):
        word = match.group(0)
        scripts = {_script(ch) for ch in word} - {None}
        if len(scripts) > 1 or (
            len(word) >= 3 and scripts == {"LATIN"} and not _ASCII_LETTER.search(word)
        ):
            count += 1
    count += len(_SYMBOL_IN_WORD.findall(text))
    return count


_ASCII_LETTER = re.compile(r"[A-Za-z]")
# Latin-1 symbols that stand for another code page's letters when read as Windows-1252
# ("wys³aæ" is Polish "wysłać"), found between two letters; a Catalan "l·l" is no sign.
_SYMBOL_IN_WORD = re.compile(r"(?<=[^\W\d_])[¢£¤¥¦§¨©¬®¯°±²³´µ¶¸¹¼½¾¿€‚„†‡‰‹›]+(?=[^\W\d_])")


def _script(char: str) -> str | None:
    """The script of a letter; None for a sign that goes with any ("m²", "µg", "1º")."""
    if char.isascii():
        return "LATIN"
    script = unicodedata.name(char, "").split(" ", 1)[0]
    # Japanese writes kana and kanji in one word.
    return "CJK" if script in _CJK_SCRIPTS else script if script in _SCRIPTS else None


_CJK_SCRIPTS = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "HALFWIDTH"})
_SCRIPTS = frozenset(
    "LATIN CYRILLIC GREEK ARABIC HEBREW THAI ARMENIAN GEORGIAN DEVANAGARI BENGALI".split()
)


def _replaced(raw: bytes, text: str, encoding: str) -> bool:
    try:
        return raw.decode(encoding) != text
    except UnicodeDecodeError:
        return True


def _utf8_with_stray_bytes(raw: bytes) -> str | None:
    """The bytes as UTF-8 with the few that fail replaced, when UTF-8 is what they are.

    UTF-8 with a stray byte is no code page's text, so charset-normalizer's best fit is
    some code page that garbles every multi-byte character (mac_iceland for curly quotes).
    A multi-byte sequence that decodes correctly is rare by chance in single-byte or
    double-byte encodings, where most non-ASCII bytes fail as UTF-8; so when the correct
    sequences outnumber the failing ones, the text is UTF-8 and the failures are strays.
    """
    text = raw.decode("utf-8", errors="replace")
    # A U+FFFD the page itself holds is a correct sequence, not a replaced byte.
    failed = text.count("\ufffd") - raw.count("\ufffd".encode())
    correct = len(text) - len(text.encode("ascii", errors="ignore")) - failed
    return text if correct > failed else None


def repair(text: str) -> str:
    """Fix mojibake when the text shows its signs; correct text is returned unchanged."""
    if not _MOJIBAKE_HINTS.search(text):
        return text
    from ftfy import fix_text

    return fix_text(text, config=_fixer_config())


def decode(doc: Doc) -> Doc | Rejection:
    if b"\x00" in doc.raw and not doc.raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return doc.reject(RejectReason.not_text, "the file holds NUL bytes: binary data")
    decoded = _decode_bytes(doc.raw)
    if decoded is None:
        return doc.reject(RejectReason.not_text, "no text encoding fits these bytes")
    text, encoding, replaced = decoded
    controls = len(_CONTROLS.findall(text))
    if controls > _MAX_CONTROL_SHARE * len(text):
        return doc.reject(RejectReason.not_text, f"{controls} control characters: binary data")
    # The few stray control characters left are no part of any word: spaces, collapsed below.
    text = _CONTROLS.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    repaired = repair(text)
    doc.meta["encoding"] = encoding
    doc.meta["text_repaired"] = replaced or repaired != text
    # A soft hyphen only marks where a line may break: kept, it splits the word it sits in
    # ("ex\u00adpect") for every reader and tokenizer downstream.
    doc.text = unicodedata.normalize("NFC", repaired).replace(SOFT_HYPHEN, "")
    if doc.format == "html":
        return doc  # the HTML stage makes the lines
    doc.lines = [
        Line(no, stripped)
        for no, line in enumerate(doc.text.split("\n"), start=1)
        if (stripped := " ".join(line.split()))
    ]
    if not doc.lines:
        return doc.reject(RejectReason.empty, "the file holds no visible text")
    return doc
