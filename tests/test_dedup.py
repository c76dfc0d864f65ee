import datetime as dt
import json

import pytest

from builder.build import build
from builder.dedup import body_signature, cluster, similarity
from tests.conftest import SEEDS


def _paragraphs(name: str) -> list[str]:
    text = (SEEDS / name).read_text(encoding="utf-8")
    return [p for p in text.split("\n") if len(p.split()) > 12]


AFP = _paragraphs("004_ea10a3fbe739af27.txt")  # 18 paragraphs of wire copy
PANETTA = _paragraphs("002_85fd74c31d99d556.txt")


def _sig(record_id, paragraphs, date=None):
    return body_signature(record_id, date, "\n\n".join(paragraphs))


def test_real_shaped_copies_cluster():
    original = _sig("a", AFP)
    half = _sig("b", AFP[: len(AFP) // 2])
    extended = _sig("c", [*AFP, "A spokesman for the ministry declined to comment on Saturday."])
    assert similarity(original, half) >= 0.8
    assert similarity(original, extended) >= 0.8
    clusters = cluster([original, half, extended])
    assert set(clusters.cluster_of.values()) == {"a"}
    assert clusters.multi_member == 3


def test_different_stories_sharing_quotes_do_not_cluster():
    quote = next(p for p in PANETTA if "boots on the ground" in p)
    other = [
        "Defence ministers from the region met in Abuja to discuss the planned African force.",
        "Officials said troops from Nigeria, Niger and Burkina Faso would deploy within weeks.",
        quote,
        "The ministers also discussed funding, which remains the main obstacle to deployment.",
        "A final decision is expected at the summit of West African leaders later this month.",
    ]
    a, b = _sig("a", PANETTA), _sig("b", other)
    assert similarity(a, b) < 0.8
    assert len(cluster([a, b]).members) == 2


def test_exact_copies_and_canonical_choice():
    early = _sig("zzz", AFP, dt.date(2013, 1, 11))
    late = _sig("aaa", AFP, dt.date(2013, 1, 12))
    undated = _sig("000", AFP)
    clusters = cluster([late, undated, early])
    assert clusters.cluster_of == {"zzz": "zzz", "aaa": "zzz", "000": "zzz"}
    assert clusters.is_canonical("zzz") and not clusters.is_canonical("aaa")
    assert clusters.members["zzz"] == ("000", "aaa", "zzz")


def test_pairs_already_clustered_are_not_compared(monkeypatch):
    # Forty copies of a story (a wire story on many sites) are one cluster by their equal
    # bodies; the bands then put them in one group, whose pairs need no comparison.
    import builder.dedup as dedup

    compared = []
    similar = dedup._similar
    monkeypatch.setattr(
        dedup, "_similar", lambda rows, *rest: compared.append(len(rows)) or similar(rows, *rest)
    )
    copies = [_sig(f"{k:02d}", AFP) for k in range(40)]
    near = _sig("zz", AFP[:-1])
    clusters = dedup.cluster([*copies, near, _sig("p", PANETTA)])
    assert set(clusters.cluster_of[f"{k:02d}"] for k in range(40)) == {"00"}
    assert clusters.cluster_of["zz"] == "00" and clusters.cluster_of["p"] == "p"
    # Only the near copy is compared, once, against the cluster's first row: not 40 x 39 / 2.
    assert compared == [2]


def test_threshold_is_checked():
    with pytest.raises(ValueError, match="threshold"):
        cluster([], threshold=0)


def test_dedup_drop_lists_dropped_copies(make_repo):
    copy = (
        (SEEDS / "004_ea10a3fbe739af27.txt")
        .read_bytes()
        .replace(b"Visit Breitbart's Facebook Page.", b"Follow The Sahel Times on Twitter.")
    )
    root = make_repo({"005_ffffffffffffffff.txt": copy})
    from builder.pipeline import Options

    result = build(root / "seeds", root / "data", "1.0.0", Options(dedup="drop"))
    assert "ffffffffffffffff" not in {a.id for a in result.articles}
    rejected = [
        json.loads(line) for line in (root / "data/v1.0.0/rejected.jsonl").read_text().splitlines()
    ]
    assert rejected == [
        {
            "source_file": "005_ffffffffffffffff.txt",
            "reason": "near_duplicate",
            "message": "a copy of record ea10a3fbe739af27",
            "source_sha256": rejected[0]["source_sha256"],
            "duplicate_of": "ea10a3fbe739af27",
        }
    ]
    kept = build(root / "seeds", root / "data", "2.0.0").articles
    members = {a.id: (a.cluster_id, a.is_canonical, a.split) for a in kept}
    assert members["ffffffffffffffff"][:2] == ("ea10a3fbe739af27", False)
    assert members["ea10a3fbe739af27"][1] is True
    assert members["ffffffffffffffff"][2] == members["ea10a3fbe739af27"][2]
