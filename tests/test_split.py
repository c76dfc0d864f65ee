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
