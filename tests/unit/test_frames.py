"""``among`` answers as ``Series.isin`` does, on Arrow strings and on objects."""

import pandas as pd
import pytest

from imrf_analysis.store.frames import among


@pytest.mark.parametrize("dtype", ["str", "string[pyarrow]", object])
def test_among_matches_isin(dtype):
    column = pd.Series(["p1", "p2", None, "p4", "p1"], index=[10, 11, 12, 13, 14], dtype=dtype)
    wanted = pd.Series(["p1", "p4", "p9"], dtype="str")
    got = among(column, wanted)
    pd.testing.assert_series_equal(got, column.isin(wanted).astype(bool))
    assert got.tolist() == [True, False, False, True, True]
    assert list(got.index) == [10, 11, 12, 13, 14]


def test_among_takes_a_plain_collection_and_an_empty_column():
    assert among(pd.Series(["a", "b"], dtype="str"), {"b"}).tolist() == [False, True]
    assert among(pd.Series([], dtype="str"), ["a"]).tolist() == []
    assert among(pd.Series(["a"], dtype="str"), []).tolist() == [False]


def test_a_missing_value_is_never_among_the_values():
    column = pd.Series(["a", None], dtype="str")
    assert among(column, pd.Series(["a", None], dtype="str")).tolist() == [True, False]
    assert among(column, ["a", None]).tolist() == [True, False]
