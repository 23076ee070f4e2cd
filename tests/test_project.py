import pytest

from helpers.project import GITHUB_REPO, colab_url, quick_mode_from_env


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


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, False), ("", False), ("0", False), ("no", False), ("1", True), ("TRUE", True)],
)
def test_quick_mode_reads_the_environment(monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv("COOKBOOK_QUICK", raising=False)
    else:
        monkeypatch.setenv("COOKBOOK_QUICK", value)
    assert quick_mode_from_env() is expected


def test_quick_mode_rejects_unclear_values(monkeypatch):
    monkeypatch.setenv("COOKBOOK_QUICK", "maybe")
    with pytest.raises(ValueError, match="COOKBOOK_QUICK='maybe'"):
        quick_mode_from_env()
