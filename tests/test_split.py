from collections import Counter

from builder.model import Split
from builder.split import assign_split


def test_split_is_a_pure_function_of_the_id():
    assert assign_split("f43590dcf1fa9506") == assign_split("f43590dcf1fa9506")
    assert assign_split("x", salt="a") in set(Split)


def test_split_proportions_are_80_10_10():
    counts = Counter(assign_split(f"{i:016x}") for i in range(20_000))
    assert 0.78 < counts[Split.train] / 20_000 < 0.82
    assert 0.09 < counts[Split.validation] / 20_000 < 0.11
    assert 0.09 < counts[Split.test] / 20_000 < 0.11


def test_salt_changes_the_assignment():
    ids = [f"{i:016x}" for i in range(200)]
    assert [assign_split(i) for i in ids] != [assign_split(i, salt="other") for i in ids]


def test_cluster_takes_one_split_and_keeps_the_published_one():
    from builder.split import cluster_splits

    fresh = cluster_splits({"a": ("a", "b")}, {})
    assert fresh == {"a": assign_split("a"), "b": assign_split("a")}
    kept = cluster_splits({"x": ("x", "y", "new")}, {"x": "test", "y": "test"})
    assert set(kept.values()) == {Split.test}


def test_a_record_joining_two_published_clusters_merges_them_into_the_larger_split():
    from builder.split import cluster_splits

    previous = {"a": "train", "b": "train", "c": "test"}
    merged = cluster_splits({"a": ("a", "b", "c", "new")}, previous)
    assert set(merged.values()) == {Split.train}  # c moves with the larger part
    tie = cluster_splits({"a": ("a", "c", "new")}, {"a": "validation", "c": "test"})
    assert set(tie.values()) == {Split.validation}  # tie: the part holding the smallest id


def test_split_codes_over_cluster_rows_agree_with_cluster_splits():
    import numpy as np

    from builder.dedup import Clusters
    from builder.split import SPLIT_CODES, cluster_splits, split_codes

    ids = [f"{i:04x}" for i in range(40)]
    # Rows 0-2 and 10-12 are two clusters (canonical rows 2 and 10), the rest alone.
    canonical = np.arange(40, dtype=np.int32)
    canonical[[0, 1, 2]] = 2
    canonical[[10, 11, 12]] = 10
    clusters = Clusters(ids, canonical, np.arange(40, dtype=np.int32), 0)
    previous = {ids[11]: "test", ids[12]: "test", ids[30]: "validation"}
    codes = split_codes(clusters, previous)
    expected = cluster_splits(clusters.members, previous)
    assert [SPLIT_CODES[c] for c in codes] == [expected[i] for i in ids]
    assert SPLIT_CODES[codes[10]] == Split.test and SPLIT_CODES[codes[30]] == Split.validation
    assert len({SPLIT_CODES[c] for c in codes[:3]}) == 1
