"""The pytest side of the reference lane (loaded by ``-p helpers.run.pytest_plugin``).

* nbval cannot inject papermill parameters, so notebooks read quick mode from
  ``COOKBOOK_QUICK``, which defaults to 1 here; kernels inherit it and ``KERAS_BACKEND``.
* nbval ignores the native log lines that ``helpers.run.normalize`` strips from committed
  outputs (the same patterns), and memory addresses, when it compares the cells tagged
  ``nbval-check-output`` with their committed outputs.
* A notebook not written for the active backend is skipped with the reason its title
  cell gives (``helpers.run.backends.skip_reason``, the one place that decides).
* A notebook's kernel that fails to start (it dies, or stays silent, before the first cell)
  is started once more, with a warning, as the papermill lanes do
  (``helpers.run.runner.kernel_failed_to_start``).
* At the end, the notebooks' outcomes are written as a lane summary in the runner's
  format (``runs/<lane>-<mode>/summary.json``), for the README's compatibility table.
"""

from __future__ import annotations

import functools
import os
import re
import sys
import tempfile
import time
import warnings
from collections import defaultdict
from pathlib import Path

import pytest

from helpers.parameters import QUICK_ENV_VAR, quick_mode
from helpers.run.backends import active_backend, skip_reason
from helpers.run.normalize import NATIVE_LOG_PATTERNS
from helpers.run.project import NOTEBOOKS_DIR, RUNS_DIR, all_notebooks
from helpers.run.runner import (
    JAX,
    KERNEL_STARTS,
    REFERENCE,
    Lane,
    NotebookRun,
    kernel_failed_to_start,
    summary_folder,
)

# Read by every kernel this session starts (they inherit the environment).
os.environ.setdefault(QUICK_ENV_VAR, "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # no TensorFlow C++ start-up logs

_ANSI = re.compile(r"\x1b\[[0-9;]*m")  # colours in nbval's failure reports
# nbval-only: an object's address changes on every run.
_NBVAL_EXTRA_PATTERNS = {"memory-addresses": (r"0x[0-9a-f]{6,16}", "0xADDRESS")}


def pytest_configure(config: pytest.Config) -> None:
    """Check quick mode, hand nbval the sanitizers, and register the lane summary."""
    try:
        quick_mode()
    except ValueError as error:
        raise pytest.UsageError(str(error)) from error
    if getattr(config.option, "nbval_sanitize_with", "missing") is None:
        patterns = {name: (regex, "") for name, regex in NATIVE_LOG_PATTERNS.items()}
        patterns.update(_NBVAL_EXTRA_PATTERNS)
        handle = tempfile.NamedTemporaryFile("w", suffix=".cfg", delete=False, encoding="utf-8")
        with handle:
            for name, (regex, replacement) in patterns.items():
                handle.write(f"[{name}]\nregex: {regex}\nreplace: {replacement}\n\n")
        config.option.nbval_sanitize_with = handle.name
        config.add_cleanup(lambda: os.unlink(handle.name))
    if not hasattr(config, "workerinput"):  # not an xdist worker
        config.pluginmanager.register(LaneSummary(config), "keras-tricks-lane-summary")
    _start_kernels_once_more_on_failure()


def _start_kernels_once_more_on_failure() -> None:
    """Make nbval's notebook setup (which only starts the kernel) retry a failed start."""
    from nbval.plugin import IPyNbFile

    start_kernel = IPyNbFile.setup
    if getattr(start_kernel, "starts_again", False):
        return

    @functools.wraps(start_kernel)
    def setup(self: IPyNbFile) -> None:
        for start in range(1, KERNEL_STARTS + 1):
            try:
                return start_kernel(self)
            except RuntimeError as error:
                if start == KERNEL_STARTS or not kernel_failed_to_start(error):
                    raise
                warnings.warn(
                    f"{Path(self.path).name}: kernel started again: the first failed to start "
                    f"({error})",
                    stacklevel=1,
                )

    setup.starts_again = True  # type: ignore[attr-defined]
    IPyNbFile.setup = setup


@functools.cache
def _skip_reason(notebook: Path) -> str:
    return skip_reason(notebook, active_backend())


def _cookbook_notebook(path: str | Path) -> Path | None:
    path = Path(path).resolve()
    return path if path.suffix == ".ipynb" and path.parent == NOTEBOOKS_DIR else None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Skip nbval's cells of notebooks not written for the active backend, with the reason."""
    for item in items:
        notebook = _cookbook_notebook(item.path)
        if notebook is not None and _skip_reason(notebook):
            reason = f"{active_backend()}: {_skip_reason(notebook)}"
            item.add_marker(pytest.mark.skip(reason=reason))


class LaneSummary:
    """Collects nbval's per-cell reports into one record per notebook, written at the end."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.reports: dict[str, list[pytest.TestReport]] = defaultdict(list)
        self.started = time.perf_counter()

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        notebook = _cookbook_notebook(self.config.rootpath / report.nodeid.split("::")[0])
        if notebook is not None:
            self.reports[notebook.name].append(report)

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if not self.reports:
            return
        from helpers.run.runner import stack_versions, write_summary

        backend = active_backend()
        lane = {"tensorflow": REFERENCE, "jax": JAX}.get(backend, Lane(backend, backend))
        quick = quick_mode()
        runs = [self._record(name, reports) for name, reports in sorted(self.reports.items())]
        whole_lane = set(self.reports) == {path.name for path in all_notebooks()}
        output_dir = RUNS_DIR / summary_folder(lane, quick, whole_lane)
        output_dir.mkdir(parents=True, exist_ok=True)
        write_summary(output_dir, runs, quick, lane, {}, stack_versions(sys.executable))

    @staticmethod
    def _record(name: str, reports: list[pytest.TestReport]) -> NotebookRun:
        # Teardown reports say "passed" even for a skipped cell: setup and call tell.
        reports = [r for r in reports if r.when in ("setup", "call") or r.failed]
        seconds = round(sum(r.duration for r in reports if r.when == "call"), 1)
        failed = [r for r in reports if r.failed]
        if failed:
            first = failed[0]
            message = (_ANSI.sub("", first.longreprtext).strip().splitlines() or [""])[-1]
            cell = first.nodeid.split("::")[-1]
            return NotebookRun(name, "failed", seconds, error=f"{cell}: {message}")
        if all(r.skipped for r in reports):
            reason = reports[0].longrepr[2] if isinstance(reports[0].longrepr, tuple) else ""
            _, _, why = reason.removeprefix("Skipped: ").partition(": ")  # "<backend>: <why>"
            return NotebookRun(name, "skipped", 0.0, error=why)
        return NotebookRun(name, "passed", seconds)
