import dataclasses

from click.testing import CliRunner

from builder.cli import cli
from builder.stats import (
    PLOTTED_OUTLETS,
    _bar_png,
    _reliability_png,
    _top_outlets,
    version_stats,
    write_plots,
    write_reliability_plot,
)


def test_stats_of_the_seed_version(built_repo):
    stats = version_stats(built_repo / "data/v1.0.0")
    assert stats.records == 5
    assert stats.per_outlet == {"(none)": 3, "American Forces Press Service": 1, "Breitbart": 1}
    assert stats.per_month == {"(no date)": 2, "2012-07": 1, "2012-10": 1, "2013-01": 1}
    assert stats.missing["date"] == 2 and stats.missing["headline"] == 0
    assert stats.body_words["min"] <= stats.body_words["median"] <= stats.body_words["max"]
    assert "per outlet" in stats.table() and "Breitbart" in stats.table()


def test_plots_are_png_and_reproducible(built_repo, tmp_path):
    stats = version_stats(built_repo / "data/v1.0.0")
    first = [p.read_bytes() for p in write_plots(stats, tmp_path / "a")]
    _bar_png.cache_clear()  # drawn again, not the process's copy
    second = [p.read_bytes() for p in write_plots(stats, tmp_path / "b")]
    assert first == second
    assert all(png.startswith(b"\x89PNG") for png in first)


def test_a_chart_is_drawn_once_per_content_and_again_when_it_changes(built_repo, tmp_path):
    stats = version_stats(built_repo / "data/v1.0.0")
    _bar_png.cache_clear()
    write_plots(stats, tmp_path / "a")
    write_plots(stats, tmp_path / "b")
    assert _bar_png.cache_info().misses == 2 and _bar_png.cache_info().hits == 2
    fewer = dataclasses.replace(stats, per_outlet={"Breitbart": 1})
    changed = write_plots(fewer, tmp_path / "c")
    assert changed[1].read_bytes() != (tmp_path / "a" / changed[1].name).read_bytes()


def test_a_chart_of_many_outlets_names_the_most_frequent_and_sums_the_rest(
    built_repo, tmp_path, monkeypatch
):
    ranked = {f"Outlet {k:03d}": 1000 - k for k in range(300)}
    top = _top_outlets(ranked)
    assert list(top)[:PLOTTED_OUTLETS] == list(ranked)[:PLOTTED_OUTLETS]
    rest = list(ranked.values())[PLOTTED_OUTLETS:]
    assert top[f"({len(rest)} other outlets)"] == sum(rest)
    assert len(top) == PLOTTED_OUTLETS + 1 and sum(top.values()) == sum(ranked.values())
    # One outlet more than the chart names is drawn itself, not as "(1 other outlets)".
    few = dict(list(ranked.items())[: PLOTTED_OUTLETS + 1])
    assert _top_outlets(few) == few
    drawn = {}
    monkeypatch.setattr(
        "builder.stats._bar_png", lambda title, counts: drawn.setdefault(title, counts) and b""
    )
    stats = dataclasses.replace(version_stats(built_repo / "data/v1.0.0"), per_outlet=ranked)
    write_plots(stats, tmp_path)
    assert dict(drawn["Articles per outlet, v1.0.0"]) == top


def test_the_reliability_plot_follows_the_model(tmp_path):
    model = {
        "fields": {
            "date": {
                "reliability": [
                    {"mean_confidence": 0.2, "right": 1, "values": 5},
                    {"mean_confidence": 0.9, "right": 9, "values": 10},
                ]
            }
        }
    }
    _reliability_png.cache_clear()
    first = write_reliability_plot(model, tmp_path / "a.png").read_bytes()
    _reliability_png.cache_clear()
    assert write_reliability_plot(model, tmp_path / "b.png").read_bytes() == first
    model["fields"]["date"]["reliability"][0]["right"] = 4
    assert write_reliability_plot(model, tmp_path / "c.png").read_bytes() != first
    assert first.startswith(b"\x89PNG")


def test_stats_command_and_card_embeds_the_plots(built_repo, tmp_path):
    result = CliRunner().invoke(
        cli, ["stats", "--out", str(built_repo / "data"), "--plots", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert "v1.0.0: 5 records" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "v1.0.0-per-month.png",
        "v1.0.0-per-outlet.png",
    ]
    card = (built_repo / "dataset_card.md").read_text(encoding="utf-8")
    assert "](data/plots/v1.0.0-per-month.png)" in card
    assert (built_repo / "data/plots/v1.0.0-per-month.png").is_file()


def test_unknown_version_is_one_clear_line(built_repo):
    result = CliRunner().invoke(cli, ["stats", "v9.9.9", "--out", str(built_repo / "data")])
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"error: {built_repo / 'data'}: no version v9.9.9; choose one of v1.0.0"
    )


def test_tex_in_an_outlet_is_drawn_as_text(built_repo, tmp_path):
    stats = version_stats(built_repo / "data/v1.0.0")
    stats = dataclasses.replace(stats, per_outlet={"$\\undefinedmacro{x}$": 2, "$5 $6": 1})
    paths = write_plots(stats, tmp_path)
    assert [p.name for p in paths] == ["v1.0.0-per-month.png", "v1.0.0-per-outlet.png"]
    assert paths[1].read_bytes().startswith(b"\x89PNG")
