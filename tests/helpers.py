from __future__ import annotations

import hashlib

from builder.clean import clean
from builder.decode import decode
from builder.doc import Doc
from builder.extract import extract


def doc_from_text(text: str, name: str = "page.txt") -> Doc:
    raw = text.encode("utf-8")
    return decode(Doc(name, raw, hashlib.sha256(raw).hexdigest(), "0" * 16))


def cleaned(text: str) -> Doc:
    return extract(clean(doc_from_text(text)))


def reasons(doc: Doc) -> dict[str, str | None]:
    return {line.text: (line.reason.value if line.reason else None) for line in doc.lines}


PROSE = [
    "The regional force met in Bamako on Monday to plan the deployment of troops to the north.",
    "Officials said the first battalions would arrive within weeks, pending a United Nations vote.",
    "Aid groups warned that fighting could displace thousands more people across the border.",
    "The interim government welcomed the plan and asked for more support from its neighbours.",
]
