"""The small codes lines are marked by while the stage works (0: kept): arrays for the
compiled kernels; each Line gets its LineReason at the end."""

from __future__ import annotations

from builder.doc import LineReason

REASONS = tuple(LineReason)
CODE_OF: dict[LineReason | None, int] = {None: 0}
CODE_OF.update((reason, code) for code, reason in enumerate(REASONS, start=1))
KEPT = 0
BOILERPLATE = CODE_OF[LineReason.boilerplate]
TEMPLATE = CODE_OF[LineReason.template]
DUPLICATE = CODE_OF[LineReason.duplicate]
PHOTO_CREDIT_CODE = CODE_OF[LineReason.photo_credit]
OUTSIDE_ARTICLE = CODE_OF[LineReason.outside_article]
SHORT_RUN_CODE = CODE_OF[LineReason.short_run]
BYLINE_CODE = CODE_OF[LineReason.byline]
