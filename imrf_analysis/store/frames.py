"""Small pandas helpers the compilation, validation and shard code share."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def among(column: pd.Series, values: pd.Series | Collection[str]) -> pd.Series:
    """Return whether each value of ``column`` is one of ``values``, as ``Series.isin`` does.

    For a column of Arrow strings (passage and document ids) both sides are hashed by Arrow:
    pandas' ``isin`` there turns each value looked for into an Arrow scalar first, about a
    second per 100,000 ids. Unlike ``isin``, a missing value is never among ``values``, even
    when they hold one too: a missing id identifies nothing.

    Returns:
        A bool Series on ``column``'s index.
    """
    if not _is_arrow(column) or len(column) == 0:
        return column.isin(values)
    left = _arrow(column)
    if isinstance(values, pd.Series) and _is_arrow(values):
        wanted = _arrow(values).combine_chunks()
    else:
        wanted = pa.array(pd.Series(list(values), dtype=object).dropna().astype(str)
                          .to_numpy(dtype=object), type=pa.large_string())
    wanted = pc.drop_null(wanted).cast(left.type)
    found = pc.is_in(left, value_set=wanted, skip_nulls=True)
    mask = np.asarray(found.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)
    return pd.Series(mask, index=column.index, name=column.name)


def _is_arrow(series: pd.Series) -> bool:
    return isinstance(series.dtype, pd.StringDtype | pd.ArrowDtype)


def _arrow(series: pd.Series) -> pa.ChunkedArray:
    return pa.chunked_array(series.array.__arrow_array__())
