"""Decode stage: raw bytes to repaired NFC text split into numbered lines.

UTF-8 first, with a few stray bytes replaced when the rest is plainly UTF-8; a byte-order
mark names UTF-8 or UTF-16; anything else is identified by charset-normalizer (cp1252,
latin-1, Shift-JIS…). Mojibake (UTF-8 read as cp1252 and the like) is repaired by ftfy, with
the fixes that would change correct text turned off: curly quotes, dashes, full-width
characters and ligatures stay as the page has them. ``text_repaired`` records either repair.
"""

from __future__ import annotations

import codecs
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
# Code pages a statistical guess confuses with Windows-1252. The DOS ones (cp437, cp85x,
# cp86x, cp1125) are console encodings no web page is saved in.
_SINGLE_BYTE = re.compile(r"^(?:cp125\d|cp437|cp8[56]\d|cp1125|iso8859_\d+|latin_1|mac_\w+)$")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
# Characters that only appear in text decoded with the wrong codec: a cheap gate before ftfy.
# (ftfy's own detector is exact but costs milliseconds a page.)
_MOJIBAKE_HINTS = re.compile(
    "â€|Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u2013-\u203a"
    "\u20ac\u2122]|Â[\u00a0-\u00bf]"
)


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
    # Statistical guesses cannot tell one Western single-byte code page from another on
    # short text, take it for a DOS code page ("caf\xe9 \x93quoted\x94" for cp1125), and
    # see UTF-16 in any even-length bytes; Windows-1252 is what such pages are (WHATWG reads
    # latin-1 labels as windows-1252 too), so it wins when it fits.
    if guess is None or _SINGLE_BYTE.match(guess) or guess.startswith(("utf_16", "utf_32")):
        try:
            return raw.decode("cp1252"), "cp1252", False
        except UnicodeDecodeError:
            pass
    if best is None or guess is None:
        return None
    return str(best), guess, False


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
    doc.text = unicodedata.normalize("NFC", repaired)
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
