"""The build's defaults and choices, kept apart from the stages that use them so that the
command line can show them (`mali-news build --help`) without importing those stages."""

from __future__ import annotations

import datetime as dt

# Inputs larger than this are rejected as too_large (build --max-bytes).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# Dates after this are not taken as publication dates (build --latest-date).
DEFAULT_LATEST_DATE = dt.date(2030, 12, 31)
# Similarity of two bodies that makes them copies (build --dedup-threshold).
DEFAULT_THRESHOLD = 0.8
DEDUP_MODES = ("keep", "drop")
ENGINE_NAMES = ("local", "ray")
