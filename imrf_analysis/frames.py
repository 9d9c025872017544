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
    second per 100,000 ids. A missing value in ``column`` is never among ``values``.

    Returns:
        A bool Series on ``column``'s index.
    """
    if not isinstance(column.dtype, pd.StringDtype | pd.ArrowDtype) or len(column) == 0:
        return column.isin(values)
    left = pa.chunked_array(column.array.__arrow_array__())
    wanted = pd.Series(list(values), dtype=object).dropna().astype(str).to_numpy(dtype=object)
    found = pc.is_in(left, value_set=pa.array(wanted, type=left.type), skip_nulls=True)
    mask = np.asarray(found.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)
    return pd.Series(mask, index=column.index, name=column.name)
