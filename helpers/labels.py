"""Checking class labels before they reach a loss function."""

from __future__ import annotations

import numpy as np


def check_labels(labels: np.ndarray, num_classes: int) -> np.ndarray:
    """Return integer class labels as an int64 array, or say exactly what is wrong.

    Catches the mistakes that otherwise surface as a negative or NaN loss, or an
    index error deep inside a training step: non-integer values, labels outside
    ``[0, num_classes)``, and one-hot matrices passed where integers are expected.
    """
    if isinstance(num_classes, bool) or not isinstance(num_classes, (int, np.integer)):
        raise ValueError(f"num_classes must be an integer, got {num_classes!r}")
    if num_classes < 2:
        raise ValueError(f"num_classes must be at least 2, got {num_classes}")
    values = np.asarray(labels)
    if values.ndim == 2 and values.shape[1] > 1:
        raise ValueError(
            f"labels have shape {values.shape}, which looks one-hot; pass integer class "
            "ids (e.g. labels.argmax(axis=1)) or use categorical_crossentropy instead"
        )
    values = values.reshape(-1)
    if values.size == 0:
        raise ValueError("labels are empty")
    if not np.issubdtype(values.dtype, np.number) or not np.all(np.isfinite(values)):
        raise ValueError("labels must be finite numbers")
    if not np.all(values == np.round(values)):
        raise ValueError("labels must be whole numbers (class ids), found fractional values")
    negative = values < 0
    if negative.any():
        first = int(np.flatnonzero(negative)[0])
        raise ValueError(
            f"{int(negative.sum())} label(s) are negative, the first is {values[first].item()!r} "
            f"at position {first}; class ids start at 0 (a -1 often marks 'unknown': drop or "
            "relabel those samples)"
        )
    bad = values >= num_classes
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        largest = values.max().item()
        raise ValueError(
            f"{int(bad.sum())} label(s) fall outside [0, {num_classes}), the first is "
            f"{values[first].item()!r} at position {first}; check num_classes "
            f"(the largest label is {largest!r}, so at least {int(largest) + 1} classes)"
        )
    return values.astype("int64")
