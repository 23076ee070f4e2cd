"""Every notebook runs end to end in quick mode under papermill (claims included).

The kernel uses the session's KERAS_BACKEND; a notebook declared for other
backends only is skipped with its reason (see conftest.py).
"""

import papermill
import pytest
from conftest import skip_reason

from helpers.backends import active_backend
from helpers.run import all_notebooks, describe_failure

NOTEBOOKS = all_notebooks()


def run_in_quick_mode(notebook, tmp_path):
    if skip_reason(notebook):
        pytest.skip(f"{active_backend()}: {skip_reason(notebook)}")
    try:
        papermill.execute_notebook(
            str(notebook),
            str(tmp_path / notebook.name),
            parameters={"QUICK": True},
            cwd=str(notebook.parent),
            kernel_name="python3",
            progress_bar=False,
            execution_timeout=600,
        )
    except papermill.PapermillExecutionError as error:
        pytest.fail(f"{notebook.name} failed at {describe_failure(error)}", pytrace=False)


@pytest.mark.notebook
class QuickRun:
    notebook = None

    def test_runs_in_quick_mode(self, tmp_path):
        run_in_quick_mode(self.notebook, tmp_path)


# One test class per notebook: `--dist loadscope` hands each class to the next free xdist
# worker, so the papermill runs share the workers (one module would all go to one worker).
for _path in NOTEBOOKS:
    globals()[f"Test_{_path.stem}"] = type(f"Test_{_path.stem}", (QuickRun,), {"notebook": _path})


def test_there_are_notebooks_to_run():
    assert len(NOTEBOOKS) >= 5
