"""Where the cookbook lives: repository coordinates, folders and run mode.

The GitHub path below is the single source for every Colab badge and every
notebook's Colab set-up cell; ``tests/test_conventions.py`` checks they agree.
"""

from __future__ import annotations

import os
from pathlib import Path

GITHUB_REPO = "keras-tricks/keras-tricks"
GITHUB_BRANCH = "main"

REPO_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"

QUICK_ENV_VAR = "COOKBOOK_QUICK"


def colab_url(notebook_name: str) -> str:
    """Return the "Open in Colab" address of a notebook in this repository.

    >>> colab_url("01_validation_split.ipynb")  # doctest: +ELLIPSIS
    'https://colab.research.google.com/github/.../blob/main/notebooks/01_validation_split.ipynb'
    """
    if not notebook_name.endswith(".ipynb") or "/" in notebook_name:
        raise ValueError(
            f"expected a notebook file name such as '01_validation_split.ipynb', "
            f"got {notebook_name!r}"
        )
    return (
        "https://colab.research.google.com/github/"
        f"{GITHUB_REPO}/blob/{GITHUB_BRANCH}/notebooks/{notebook_name}"
    )


def quick_mode_from_env() -> bool:
    """True when ``COOKBOOK_QUICK`` asks for quick mode (``1``, ``true``, ``yes``)."""
    value = os.environ.get(QUICK_ENV_VAR, "").strip().lower()
    if value in ("", "0", "false", "no"):
        return False
    if value in ("1", "true", "yes"):
        return True
    raise ValueError(
        f"{QUICK_ENV_VAR}={value!r} is not understood; use 1 for quick mode or 0 for full mode"
    )
