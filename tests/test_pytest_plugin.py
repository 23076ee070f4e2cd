"""The reference lane's summary: nbval's per-cell reports become one record per notebook."""

import pytest

from helpers.run.pytest_plugin import LaneSummary

NOTEBOOK = "notebooks/01_validation_split.ipynb"


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
