"""Shared test set-up.

nbval cannot inject papermill parameters, so notebooks read quick mode from the
environment; kernels started by this test session inherit it, and KERAS_BACKEND too.
Under a backend other than TensorFlow, notebooks that declare themselves
TensorFlow-only are skipped with the reason their title cell gives.
"""

import functools
import os
from pathlib import Path

import pytest

from helpers.backends import active_backend, notebook_portability
from helpers.project import NOTEBOOKS_DIR

os.environ.setdefault("COOKBOOK_QUICK", "1")
# Keep TensorFlow's Python-side logging quiet in kernels and in the test process.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


@functools.cache
def skip_reason(notebook: Path) -> str:
    """Why a cookbook notebook cannot run under this session's backend ('' when it can)."""
    return notebook_portability(notebook).skip_reason(active_backend())


def pytest_collection_modifyitems(config, items):
    """Skip nbval's cells of notebooks not written for the active backend."""
    for item in items:
        path = Path(str(item.fspath))
        if path.suffix == ".ipynb" and path.parent == NOTEBOOKS_DIR and skip_reason(path):
            item.add_marker(pytest.mark.skip(reason=f"{active_backend()}: {skip_reason(path)}"))
