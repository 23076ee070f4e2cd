"""Key results a notebook records, for the runner's summary table."""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np

RESULTS_MIME = "application/vnd.keras-tricks.results+json"


def _plain(value: Any) -> Any:
    if isinstance(value, (np.generic,)):
        value = value.item()
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"results must be finite numbers, got {value!r}")
        return float(f"{value:.6g}")  # six significant digits: tiny errors stay visible
    if isinstance(value, (bool, int, str)) or value is None:
        return value
    raise TypeError(f"results must be numbers or strings, got {type(value).__name__}")


def record_results(**results: Any) -> None:
    """Show the notebook's key results and tag them so ``helpers.run`` can collect them.

    The output carries a JSON part the runner reads and a plain-text part readers
    see on GitHub. Values must be finite numbers, booleans or strings.
    """
    if not results:
        raise ValueError("record at least one result, e.g. record_results(test_accuracy=0.98)")
    clean = {name: _plain(value) for name, value in results.items()}
    text = "\n".join(f"{name}: {value}" for name, value in clean.items())
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:
        get_ipython = None
    if get_ipython is None or get_ipython() is None:  # a plain Python process: just print
        print(text)
    else:
        display({RESULTS_MIME: json.loads(json.dumps(clean)), "text/plain": text}, raw=True)
