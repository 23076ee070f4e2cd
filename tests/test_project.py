from pathlib import Path

import pytest

from helpers.run.project import GITHUB_REPO, NOTEBOOKS_DIR, all_notebooks, colab_url


def test_colab_url_points_at_the_notebook_in_the_repository():
    url = colab_url("01_validation_split.ipynb")
    assert url == (
        f"https://colab.research.google.com/github/{GITHUB_REPO}/blob/main/notebooks/"
        "01_validation_split.ipynb"
    )


@pytest.mark.parametrize("bad", ["01_validation_split.py", "notebooks/01_x.ipynb", ""])
def test_colab_url_rejects_anything_but_a_notebook_file_name(bad):
    with pytest.raises(ValueError, match="notebook file name"):
        colab_url(bad)


def test_all_notebooks_lists_the_numbered_notebooks_in_order():
    names = [path.name for path in all_notebooks()]
    assert names == sorted(names) and names[0].startswith("01_")
    assert all(Path(NOTEBOOKS_DIR, name).is_file() for name in names)
