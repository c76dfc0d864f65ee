"""The dateline: the place that opens the article's first paragraph ("BAMAKO (AFP) - …"), or
one of the next few when written in capitals. Read once per page into the finders' context:
the date finder reads its date and the agency finder its agency (agency.py).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from builder.doc import Line

_DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-Þ][\w'’.]*(?:[ -][A-ZÀ-Þ][\w'’.]*){0,3})"
    r"(?:\s*,\s*(?P<date>[^–—]{4,40}?))?"
    r"(?:\s*\((?P<agency>[A-Z][\w. ]{1,15})\))?"
    r"\s+[-–—]{1,2}\s+\S"
)


# Captions, a standfirst or player chrome the cleaner kept can stand above the paragraph a
# dateline opens.
DATELINE_REACH = 6
# Capitalised labels that open a paragraph the way a dateline's place does.
_NOT_PLACES = frozenset(
    "UPDATE UPDATED BREAKING EXCLUSIVE WATCH LIVE VIDEO PHOTOS OPINION ANALYSIS NOTE".split()
)


def _find_dateline(lines: Sequence[Line]) -> re.Match[str] | None:
    """The dateline opening the article's first paragraph ("Aspen - …", "BAMAKO (AFP) - …"),
    or one of the next few, where only a place in capitals ("CAIRO — …") makes it one."""
    body = (line for line in lines if line.reason is None)
    for k, line in enumerate(itertools.islice(body, DATELINE_REACH)):
        match = _DATELINE.match(line.text)
        if not match or match.group("place").split()[0].strip(".:") in _NOT_PLACES:
            continue
        if k == 0 or match.group("place").isupper():
            return match
    return None
