"""Plotting training histories: the seed's two-panel accuracy/loss figure, modernised."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import Any

# Keras 1/2 names that readers still type, and what Keras 3 calls them.
_RENAMED_KEYS = {"acc": "accuracy", "val_acc": "val_accuracy"}


def history_dict(history: Any) -> dict[str, list[float]]:
    """Accept a ``keras.callbacks.History`` or its ``.history`` dict; return the dict."""
    values = getattr(history, "history", history)
    if not isinstance(values, Mapping):
        raise TypeError(
            f"expected a keras History or a dict of per-epoch lists, got {type(history).__name__}"
        )
    return dict(values)


def metric_values(history: Any, key: str) -> list[float]:
    """The per-epoch values of one history key, with a helpful error when it is missing."""
    values = history_dict(history)
    if key in values:
        return list(values[key])
    hint = ""
    if key in _RENAMED_KEYS and _RENAMED_KEYS[key] in values:
        hint = f" Keras 2 called it {key!r}; Keras 3 records {_RENAMED_KEYS[key]!r}."
    else:
        close = difflib.get_close_matches(key, list(values), n=1)
        if close:
            hint = f" Did you mean {close[0]!r}?"
    raise KeyError(
        f"the history has no {key!r}; it records {sorted(values)}.{hint} "
        "Keys come from compile(metrics=...) and, with validation data, the same names "
        "with a 'val_' prefix."
    )


def plot_history(
    history: Any,
    metrics: Sequence[str] = ("accuracy", "loss"),
    title: str | None = None,
    axes: Sequence[Any] | None = None,
    label: str | None = None,
) -> Any:
    """Plot each metric per epoch, training and (if recorded) validation, one panel each.

    Epochs are numbered from 1; a ``History`` from a resumed ``fit(initial_epoch=k)`` is
    drawn at its true epochs ``k + 1, k + 2, ...``.

    Returns the matplotlib figure. To overlay several runs, pass the panels of the
    first figure as ``axes`` and name each run with ``label`` (it prefixes the legend).
    """
    import matplotlib.pyplot as plt

    if not metrics:
        raise ValueError("name at least one metric to plot, e.g. metrics=('loss',)")
    values = history_dict(history)
    if axes is None:
        figure, axes = plt.subplots(1, len(metrics), figsize=(5 * len(metrics), 3.5), squeeze=False)
        axes = axes[0]
    elif len(axes) != len(metrics):
        raise ValueError(f"got {len(axes)} axes for {len(metrics)} metrics")
    figure = axes[0].figure
    # A resumed fit (initial_epoch=k) records history.epoch = [k, k+1, ...]; plot at those epochs.
    recorded_epochs = list(getattr(history, "epoch", []) or [])
    for axis, metric in zip(axes, metrics, strict=True):
        train = metric_values(values, metric)
        if len(recorded_epochs) == len(train):
            epochs = [epoch + 1 for epoch in recorded_epochs]
        else:
            epochs = list(range(1, len(train) + 1))
        prefix = f"{label}: " if label else ""
        (train_line,) = axis.plot(epochs, train, "o-", label=f"{prefix}train {metric}")
        if f"val_{metric}" in values:
            axis.plot(
                epochs,
                values[f"val_{metric}"],
                "s--",
                color=train_line.get_color(),
                label=f"{prefix}validation {metric}",
            )
        axis.set_xlabel("epoch")
        axis.set_ylabel(metric)
        axis.grid(alpha=0.3)
        axis.legend()
    if title:
        figure.suptitle(title)
    figure.tight_layout()
    return figure
