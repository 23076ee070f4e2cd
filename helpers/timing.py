"""Timing training steps fairly on a shared, noisy machine."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

import numpy as np


def time_steps_in_turns(
    models: Mapping[str, Any], inputs: Any, targets: Any, rounds: int
) -> dict[str, np.ndarray]:
    """Seconds of ``rounds`` training steps of each model, the models taking turns.

    In every round each model runs one ``train_on_batch`` on the same batch, so a
    burst of load from another process slows all of them alike instead of landing on
    one model's whole ``fit``. A warm-up round comes first and is left out: each
    model's first ``train_on_batch`` traces its step function. The steps train the
    models further, so time them after evaluating.

    Returns:
        model name -> array of ``rounds`` step times in seconds.

    Raises:
        ValueError: no models, a model that is not compiled, a batch whose inputs and
            targets differ in length, or ``rounds`` not a positive integer.
    """
    if not models:
        raise ValueError("no models to time: pass a dict of name -> compiled keras.Model")
    if isinstance(rounds, bool) or not isinstance(rounds, (int, np.integer)) or rounds <= 0:
        raise ValueError(f"rounds must be a positive integer, got {rounds!r}")
    not_compiled = [name for name, model in models.items() if not model.compiled]
    if not_compiled:
        raise ValueError(f"compile these models before timing their steps: {not_compiled}")
    if len(inputs) != len(targets):
        raise ValueError(
            f"inputs and targets differ in length ({len(inputs)} vs {len(targets)}): "
            "pass one batch of each"
        )

    import keras

    # Convert once, so that every timed step is the model's work, not NumPy-to-tensor copies.
    inputs, targets = keras.ops.convert_to_tensor(inputs), keras.ops.convert_to_tensor(targets)
    seconds: dict[str, list[float]] = {name: [] for name in models}
    for _ in range(rounds + 1):
        for name, model in models.items():
            started = time.perf_counter()
            model.train_on_batch(inputs, targets)
            seconds[name].append(time.perf_counter() - started)
    return {name: np.array(steps[1:]) for name, steps in seconds.items()}
