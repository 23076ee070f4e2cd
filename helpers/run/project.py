"""Where the cookbook lives: repository coordinates and folders.

The GitHub path below is the single source for every Colab badge and every
notebook's Colab set-up cell; ``tests/test_conventions.py`` checks they agree.
"""

from __future__ import annotations

from pathlib import Path

GITHUB_REPO = "keras-tricks/keras-tricks"
GITHUB_BRANCH = "main"
GITHUB_URL = f"https://github.com/{GITHUB_REPO}"

REPO_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
RUNS_DIR = REPO_ROOT / "runs"


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


def all_notebooks() -> list[Path]:
    """Every cookbook notebook, in number order."""
    return sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
