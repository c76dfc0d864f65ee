"""Decode stage: raw bytes to NFC text split into numbered lines."""

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
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def _decode_bytes(raw: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding), encoding
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        # cp1252 covers what Windows tools write; it maps every byte but five.
        return raw.decode("cp1252", errors="strict"), "cp1252"


def decode(doc: Doc) -> Doc | Rejection:
    if b"\x00" in doc.raw and not doc.raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return doc.reject(RejectReason.not_text, "the file holds NUL bytes")
    try:
        text, encoding = _decode_bytes(doc.raw)
    except UnicodeDecodeError as err:
        return doc.reject(RejectReason.not_text, f"cannot decode as text: {err}")
    controls = len(_CONTROLS.findall(text))
    if controls > _MAX_CONTROL_SHARE * len(text):
        return doc.reject(RejectReason.not_text, f"{controls} control characters: binary data")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    doc.text = text
    doc.meta["encoding"] = encoding
    doc.lines = [
        Line(no, stripped)
        for no, line in enumerate(text.split("\n"), start=1)
        if (stripped := " ".join(line.split()))
    ]
    if not doc.lines:
        return doc.reject(RejectReason.empty, "the file holds no visible text")
    return doc
