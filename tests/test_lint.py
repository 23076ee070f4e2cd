"""ruff, with the settings in pyproject.toml, over the helpers, the tests and the notebooks."""

import subprocess
import sys

from helpers.run.project import REPO_ROOT

TARGETS = ["helpers", "tests", "notebooks"]


def ruff(*arguments):
    return subprocess.run(
        [sys.executable, "-m", "ruff", *arguments, *TARGETS],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_ruff_check_passes():
    result = ruff("check", "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_leaves_everything_unchanged():
    result = ruff("format", "--check", "--no-cache")
    assert result.returncode == 0, "run `ruff format helpers tests notebooks`:\n" + result.stdout
