"""The reference lane's plugin: a kernel that fails to start gets a second start; nbval's
per-cell reports become one record per notebook."""

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from helpers.run.pytest_plugin import LaneSummary

NOTEBOOK = "notebooks/01_validation_split.ipynb"
PYTEST_WITH_PLUGIN = [sys.executable, "-m", "pytest", "-p", "helpers.run.pytest_plugin"]


def report(cell, outcome, when="call", longrepr=None, duration=1.0):
    return pytest.TestReport(
        f"{NOTEBOOK}::{cell}", (NOTEBOOK, 0, cell), {}, outcome, longrepr, when, duration=duration
    )


def test_a_notebook_whose_cells_all_pass_passed_in_their_total_time():
    record = LaneSummary._record(
        "01.ipynb", [report("Cell 0", "passed"), report("Cell 1", "passed")]
    )
    assert (record.status, record.seconds, record.error) == ("passed", 2.0, "")


def test_the_first_failing_cell_is_named_with_its_error_without_colours():
    failure = "Traceback\n\x1b[31mAssertionError\x1b[39m: the claim"
    reports = [
        report("Cell 3", "passed"),
        report("Cell 4", "failed", longrepr=failure),
        report("Cell 5", "failed", longrepr="other"),
    ]
    record = LaneSummary._record("01.ipynb", reports)
    assert record.status == "failed"
    assert record.error == "Cell 4: AssertionError: the claim"


def test_a_skipped_notebook_keeps_the_reason():
    reason = ("x.ipynb", 1, "Skipped: jax: TensorFlow only: tf.data")
    reports = [report(f"Cell {n}", "skipped", when="setup", longrepr=reason) for n in range(2)]
    reports.append(report("Cell 1", "passed", when="teardown"))  # pytest reports teardown too
    record = LaneSummary._record("01.ipynb", reports)
    assert (record.status, record.error) == ("skipped", "TensorFlow only: tf.data")


@pytest.mark.parametrize("deaths, outcome", [(1, "2 passed"), (2, "2 errors")])
def test_nbval_starts_a_kernel_that_died_at_start_once_more(
    tmp_path, monkeypatch, flaky_kernel, deaths, outcome
):
    deaths_left = flaky_kernel(deaths)
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("x = 41"), nbformat.v4.new_code_cell("x += 1")]
    nbformat.write(notebook, tmp_path / "flaky.ipynb")
    root = str(Path(__file__).resolve().parents[1])  # so that the session imports helpers
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([root, os.environ.get("PYTHONPATH", "")]))
    session = subprocess.run(
        [*PYTEST_WITH_PLUGIN, "--nbval-lax", "--nbval-kernel-name", "flaky", "flaky.ipynb"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert deaths_left.read_text() == "0", "the kernel was started twice"
    assert outcome in session.stdout, session.stdout
    assert "flaky.ipynb: kernel started again: the first failed to start" in session.stdout
