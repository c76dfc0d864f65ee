from click.testing import CliRunner

from builder.cli import cli
from builder.defaults import DEDUP_MODES, ENGINE_NAMES
from builder.engines import ENGINES
from builder.pipeline import Options


def test_the_defaults_the_help_shows_are_the_ones_a_build_uses():
    assert tuple(ENGINES) == ENGINE_NAMES
    options = Options()
    assert options.dedup == DEDUP_MODES[0]
    help_text = " ".join(CliRunner().invoke(cli, ["build", "--help"]).output.split())
    assert f"default: {options.max_bytes}" in help_text
    assert f"default: {options.latest_date.isoformat()}" in help_text
    assert f"default: {options.dedup_threshold}" in help_text
