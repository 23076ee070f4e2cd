"""Checking class labels and targets before they reach a loss function."""

from __future__ import annotations

import numpy as np


def _check_num_classes(num_classes: int) -> None:
    if isinstance(num_classes, bool) or not isinstance(num_classes, (int, np.integer)):
        raise ValueError(f"num_classes must be an integer, got {num_classes!r}")
    if num_classes < 2:
        raise ValueError(f"num_classes must be at least 2, got {num_classes}")


def check_labels(labels: np.ndarray, num_classes: int) -> np.ndarray:
    """Return integer class labels as an int64 array, or say exactly what is wrong.

    Catches the mistakes that otherwise surface as a negative or NaN loss, or an
    index error deep inside a training step: non-integer values, labels outside
    ``[0, num_classes)``, and one-hot matrices passed where integers are expected.
    """
    _check_num_classes(num_classes)
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


def _position(shape: tuple[int, ...], flat_index: int) -> str:
    """A flat index as ``5`` for a vector, or ``(row 5, column 2)`` for a matrix."""
    if len(shape) <= 1:
        return str(flat_index)
    row, column = divmod(flat_index, int(np.prod(shape[1:])))
    return f"(row {row}, column {column})" if len(shape) == 2 else f"(row {row}, item {column})"


def check_binary_targets(targets: np.ndarray) -> np.ndarray:
    """Return targets for ``binary_crossentropy`` as float32, or say exactly what is wrong.

    ``binary_crossentropy`` reads each target as the probability of the positive
    class, so every value must lie in ``[0, 1]`` (0/1 labels, multi-hot rows, or
    soft labels). A target outside that range does not raise: it lets the loss go
    negative and fall without bound. The two usual culprits get their own hint:
    ``-1``/``+1`` labels (map them with ``(targets + 1) / 2``) and class ids of
    more than two classes (use a softmax over ``num_classes`` outputs instead).
    """
    values = np.asarray(targets)
    if values.size == 0:
        raise ValueError("targets are empty")
    if values.dtype == bool:
        return values.astype("float32")
    if not np.issubdtype(values.dtype, np.number) or not np.all(np.isfinite(values)):
        raise ValueError("targets must be finite numbers")
    outside = (values < 0) | (values > 1)
    if outside.any():
        first = int(np.flatnonzero(outside)[0])
        smallest, largest = values.min().item(), values.max().item()
        message = (
            f"{int(outside.sum())} target(s) fall outside [0, 1], the first is "
            f"{values.flat[first].item()!r} at position {_position(values.shape, first)} "
            f"(targets range from {smallest!r} to {largest!r}); binary_crossentropy reads a "
            "target as the probability of the positive class, and one outside [0, 1] "
            "lets the loss go negative. "
        )
        whole = bool(np.all(values == np.round(values)))
        if whole and set(np.unique(values).tolist()) <= {-1, 0, 1}:
            message += "These look like -1/+1 labels: map them with (targets + 1) / 2"
        elif whole and smallest >= 0:
            message += (
                f"These look like class ids of {int(largest) + 1} classes: use a softmax "
                f"over {int(largest) + 1} outputs with sparse_categorical_crossentropy, "
                "or ask a yes/no question (targets == class_id)"
            )
        else:
            message += "Rescale them into [0, 1] (e.g. min-max), or use a regression loss"
        raise ValueError(message)
    return values.astype("float32")


def check_one_hot(targets: np.ndarray, num_classes: int, tolerance: float = 1e-3) -> np.ndarray:
    """Return one-hot (or soft) targets for ``categorical_crossentropy`` as float32.

    Each row must be a probability distribution over ``num_classes`` columns: no
    negative entry, and a sum of 1 (within ``tolerance``, so label-smoothed and
    soft targets pass). Otherwise a ValueError names the first bad row and the
    likely cause: a vector of class ids, a wrong number of columns, a ``-1``/``+1``
    coding (negative entries let the loss go negative), or rows that do not sum to 1
    (out-of-range labels, multi-label rows, ``targets[:, labels] = 1``).
    """
    _check_num_classes(num_classes)
    if not tolerance >= 0:
        raise ValueError(f"tolerance must be a non-negative number, got {tolerance!r}")
    values = np.asarray(targets)
    if values.size == 0:
        raise ValueError("targets are empty")
    if values.ndim == 1 or (values.ndim == 2 and values.shape[1] == 1):
        raise ValueError(
            f"targets have shape {values.shape}, which looks like class ids, not one-hot "
            f"rows; use sparse_categorical_crossentropy, or "
            f"keras.utils.to_categorical(labels, {num_classes}) first"
        )
    if values.ndim != 2:
        raise ValueError(f"one-hot targets must be a 2-D matrix, got shape {values.shape}")
    if values.shape[1] != num_classes:
        raise ValueError(
            f"targets have {values.shape[1]} columns but num_classes is {num_classes}; "
            f"pass num_classes={num_classes} to keras.utils.to_categorical (left out, it "
            "counts only the classes it sees), or check the model's output width"
        )
    if not np.issubdtype(values.dtype, np.number) or not np.all(np.isfinite(values)):
        raise ValueError("targets must be finite numbers")
    negative_rows = np.flatnonzero((values < 0).any(axis=1))
    if negative_rows.size:
        first = int(negative_rows[0])
        raise ValueError(
            f"{negative_rows.size} row(s) hold negative entries, the first is row {first} "
            f"(smallest entry {values[first].min().item()!r}); categorical_crossentropy reads a "
            "row as class probabilities, and a negative entry lets the loss go negative. "
            "A -1/+1 coding (2 * one_hot - 1) should be the one-hot matrix itself"
        )
    sums = values.sum(axis=1)
    bad_rows = np.flatnonzero(np.abs(sums - 1) > tolerance)
    if bad_rows.size:
        first = int(bad_rows[0])
        total = sums[first].item()
        message = (
            f"{bad_rows.size} row(s) do not sum to 1, the first is row {first} summing to "
            f"{total:g}; each row must be a probability distribution over the classes. "
        )
        if len(values) > 1 and total > 1 and np.all(values == values[0]):
            message += (
                "Every row is the same: targets[:, labels] = 1 sets those columns in every "
                "row; write targets[np.arange(len(labels)), labels] = 1, or use "
                f"keras.utils.to_categorical(labels, {num_classes})"
            )
        elif abs(total) <= tolerance:
            message += (
                "An all-zero row is what keras.ops.one_hot (or to_categorical on a tensor) "
                "makes of a label outside [0, num_classes); check the labels with "
                "check_labels before encoding them"
            )
        elif total > 1:
            message += (
                "Several 1s in a row mean several classes per sample: that is a multi-label "
                "problem (sigmoid outputs and binary_crossentropy); a 2 in one column means "
                "the same 1 was added twice"
            )
        else:
            message += "Normalise each row by its sum, or rebuild it from the labels"
        raise ValueError(message)
    return values.astype("float32")
