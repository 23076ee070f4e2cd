"""Execute notebooks with papermill, quietly, and report what they showed.

Each notebook runs in a worker process whose output, its kernel's included (TensorFlow's
native logs, jupyter's warnings, every cell's printed output), goes to a log file beside
the executed copy. The terminal gets one line per notebook and the summary.
"""

from __future__ import annotations

import ast
import contextlib
import json
import multiprocessing
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from helpers.parameters import QUICK_ENV_VAR
from helpers.results import RESULTS_MIME
from helpers.run.backends import BACKEND_ENV_VAR, DISPLAY_NAMES, skip_reason
from helpers.run.project import NOTEBOOKS_DIR, all_notebooks


@dataclass(frozen=True)
class Lane:
    """Where notebooks run: a Keras backend and, for the Colab lane, Colab's own stack."""

    name: str  # "reference", "jax" or "colab"
    backend: str
    colab_python: Path | None = None  # the Colab lane's interpreter (a venv of Colab's pins)

    @property
    def description(self) -> str:
        where = "Colab's stack" if self.colab_python else "the pinned stack"
        return f"{self.name} lane: {DISPLAY_NAMES[self.backend]} on {where}"


REFERENCE = Lane("reference", "tensorflow")
JAX = Lane("jax", "jax")


@dataclass
class NotebookRun:
    """What happened when one notebook ran."""

    notebook: str
    status: str  # "passed", "failed" or "skipped" (not written for the lane's backend)
    seconds: float
    results: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    log: str = ""  # the log file of its worker and kernel
    note: str = ""  # something about the run itself, such as a kernel started a second time


def select_notebooks(selectors: Sequence[str]) -> list[Path]:
    """Resolve ``01``, ``1``, ``01_validation_split`` or a file name to notebook paths.

    An empty selection means every notebook. Unknown selectors raise ValueError
    listing what exists.
    """
    notebooks = all_notebooks()
    if not selectors:
        return notebooks
    chosen: list[Path] = []
    for selector in selectors:
        name = Path(selector).name.removesuffix(".ipynb")
        if name.isdigit():
            name = f"{int(name):02d}"
        matches = [
            path for path in notebooks if path.stem == name or path.stem.split("_")[0] == name
        ]
        if not matches:
            available = ", ".join(path.stem for path in notebooks) or "none"
            raise ValueError(f"no notebook matches {selector!r}; available: {available}")
        chosen.extend(path for path in matches if path not in chosen)
    return chosen


# --------------------------------------------------------------------------- parameters


def parse_parameter(assignment: str) -> tuple[str, Any]:
    """``"EPOCHS=30"`` -> ``("EPOCHS", 30)``; values are Python literals, else strings."""
    name, equals, text = assignment.partition("=")
    if not equals or not name.strip().isidentifier():
        raise ValueError(f"-p {assignment!r}: write NAME=VALUE, e.g. -p EPOCHS=30")
    try:
        value = ast.literal_eval(text.strip())
    except (ValueError, SyntaxError):
        value = text.strip()
    return name.strip(), value


def declared_parameters(path: Path) -> list[str]:
    """The names a notebook's ``parameters`` cell assigns, as papermill sees them."""
    import papermill

    return list(papermill.inspect_notebook(str(path)))


def check_parameters(notebooks: Sequence[Path], parameters: Mapping[str, Any]) -> None:
    """Refuse a parameter that a selected notebook does not declare (papermill only warns)."""
    for path in notebooks:
        declared = declared_parameters(path)
        unknown = [name for name in parameters if name not in declared]
        if unknown:
            raise ValueError(
                f"{path.name} declares no parameter {', '.join(unknown)}; "
                f"its parameters are {', '.join(declared)}"
            )


# --------------------------------------------------------------------------- one notebook


# A kernel sometimes dies, or stays silent, before its first cell on a loaded machine (a
# reference-lane CI run lost notebook 12 this way: "Kernel died before replying to
# kernel_info"). None of the notebook's code has run then, so both lanes' runners start such
# a kernel once more, and say so, rather than fail the notebook.
KERNEL_STARTS = 2
_KERNEL_START_FAILURES = (
    "Kernel died before replying to kernel_info",  # jupyter_client: the process exited
    "Kernel didn't respond in",  # jupyter_client: no reply within the start-up timeout
    "Kernel info reqest timed out",  # nbval (sic)
    "Wasn't able to establish IOPub",  # nbval
)


def kernel_failed_to_start(error: BaseException) -> bool:
    """Whether ``error`` is a kernel failing to start, as jupyter_client or nbval report it."""
    return isinstance(error, RuntimeError) and str(error).startswith(_KERNEL_START_FAILURES)


def describe_failure(error: BaseException, executed: Any = None, timeout: int | None = None) -> str:
    """One line naming the cell that failed and how: an error, a timeout or a dead kernel.

    ``executed`` is the notebook as papermill saved it; its cell metadata tell which cell
    was running when a timeout or a kernel death stopped the run.
    """
    kind = type(error).__name__
    count = getattr(error, "exec_count", None)
    if count is not None:  # papermill's PapermillExecutionError: an exception inside a cell
        return f"cell [{count}]: {getattr(error, 'ename', kind)}: {getattr(error, 'evalue', error)}"
    where = _running_cell(executed)
    if kind == "CellTimeoutError":
        return f"timed out after {timeout} s in {where}"
    if kind == "DeadKernelError":
        return f"the kernel died in {where}"
    first_line = (str(error).strip().splitlines() or [""])[0]
    return f"{kind} in {where}: {first_line}" if where != "no cell" else f"{kind}: {first_line}"


def _running_cell(executed: Any) -> str:
    """The last cell papermill started, by execution count ("no cell" if none started).

    A cell the kernel died in, or timed out in, before it reported its count is named
    after the last numbered cell before it.
    """
    cells = list(getattr(executed, "cells", []) or [])
    started = [
        index
        for index, cell in enumerate(cells)
        if cell.get("metadata", {}).get("papermill", {}).get("start_time")
    ]
    if not started:
        return "no cell"
    count = cells[started[-1]].get("execution_count")
    if count is not None:
        return f"cell [{count}]"
    earlier = [c.get("execution_count") for c in cells[: started[-1]] if c.get("execution_count")]
    return f"the cell after [{earlier[-1]}]" if earlier else "the first cell"


@contextlib.contextmanager
def _environment(set_: Mapping[str, str], unset: Sequence[str] = ()) -> Iterator[None]:
    """Set and unset environment variables for the kernel about to start, then restore them."""
    names = [*set_, *unset]
    previous = {name: os.environ.get(name) for name in names}
    for name in unset:
        os.environ.pop(name, None)
    os.environ.update(set_)
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextlib.contextmanager
def _output_to(log_path: Path) -> Iterator[Any]:
    """Send this process's stdout and stderr, and so its kernel's, to ``log_path``."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with open(log_path, "w", encoding="utf-8") as log:
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
        try:
            yield log
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])


@dataclass(frozen=True)
class Kernel:
    """The kernel a notebook runs in: its name, the file to execute, its working directory."""

    name: str
    notebook: Path
    cwd: Path
    variables: dict[str, str] = field(default_factory=dict)  # set for the run
    unset: tuple[str, ...] = ()  # removed for the run


def _pinned_kernel(path: Path, lane: Lane) -> Kernel:
    """The pinned stack's own kernel, in the notebooks folder, on the lane's backend."""
    return Kernel("python3", path, path.parent, {BACKEND_ENV_VAR: lane.backend})


def run_notebook(
    path: Path,
    output_dir: Path,
    quick: bool,
    timeout: int,
    lane: Lane = REFERENCE,
    parameters: Mapping[str, Any] | None = None,
    colab_source: str | None = None,
) -> NotebookRun:
    """Execute one notebook with papermill in this process; return its record.

    The notebook is first checked against the lane's backend: one not written for it is
    skipped, with its reason. The executed copy goes to ``output_dir/<name>`` and everything
    the worker and its kernel print to ``output_dir/<stem>.log``.
    """
    import nbformat
    import papermill

    from helpers.run import colab

    try:
        reason = skip_reason(path, lane.backend)
    except ValueError as error:
        return NotebookRun(path.name, "failed", 0.0, error=str(error))
    if reason:
        return NotebookRun(path.name, "skipped", 0.0, error=reason)
    output_path = output_dir / path.name
    log_path = output_dir / f"{path.stem}.log"
    injected = {"QUICK": True} if quick else {}
    injected.update(parameters or {})
    variables = {QUICK_ENV_VAR: "1" if quick else "0", "TF_CPP_MIN_LOG_LEVEL": "2"}
    started = time.perf_counter()
    status, error, note = "passed", "", ""
    with contextlib.ExitStack() as stack:
        log = stack.enter_context(_output_to(log_path))
        try:
            if lane.colab_python is None:
                kernel = _pinned_kernel(path, lane)
            else:
                kernel = stack.enter_context(
                    colab.kernel_for(path, lane.colab_python, colab_source)
                )
        except (OSError, RuntimeError, subprocess.CalledProcessError) as exception:
            status, error = "failed", f"the lane's kernel could not be set up: {exception}"
            print(getattr(exception, "stderr", "") or "", file=log)
        if status == "passed":
            stack.enter_context(_environment(variables | kernel.variables, kernel.unset))
            for start in range(1, KERNEL_STARTS + 1):
                try:
                    papermill.execute_notebook(
                        str(kernel.notebook),
                        str(output_path),
                        parameters=injected,
                        cwd=str(kernel.cwd),
                        kernel_name=kernel.name,
                        progress_bar=False,
                        execution_timeout=timeout,
                        stdout_file=log,
                        stderr_file=log,
                    )
                except Exception as exception:
                    if start < KERNEL_STARTS and kernel_failed_to_start(exception):
                        note = f"kernel started again: the first failed to start ({exception})"
                        print(f"[helpers.run] {note}", file=log, flush=True)
                        continue
                    executed = None
                    if output_path.exists():
                        with contextlib.suppress(Exception):
                            executed = nbformat.read(output_path, as_version=4)
                    status, error = "failed", describe_failure(exception, executed, timeout)
                break
    seconds = round(time.perf_counter() - started, 1)
    results = {}
    if status == "passed":
        results = results_from_notebook(nbformat.read(output_path, as_version=4))
    return NotebookRun(path.name, status, seconds, results, error, str(log_path), note)


def results_from_notebook(notebook: Any) -> dict[str, Any]:
    """Collect every ``helpers.record_results`` output of an executed notebook (later keys win)."""
    collected: dict[str, Any] = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if RESULTS_MIME in data:
                collected.update(data[RESULTS_MIME])
    return collected


# --------------------------------------------------------------------------- many notebooks


def run_notebooks(
    notebooks: Sequence[Path],
    output_dir: Path,
    quick: bool,
    timeout: int,
    lane: Lane,
    parameters: Mapping[str, Any] | None = None,
    jobs: int = 1,
    report: Callable[[int, NotebookRun], None] | None = None,
) -> list[NotebookRun]:
    """Run notebooks, ``jobs`` at a time, each in a worker process; return records in order.

    ``report(number, run)`` is called as each one finishes (``number`` counts from 1).
    """
    output_dir.mkdir(parents=True, exist_ok=True)
    from helpers.run import colab

    with contextlib.ExitStack() as stack:
        source = None
        if lane.colab_python is not None:
            source = stack.enter_context(colab.repository_snapshot())
        spawn = multiprocessing.get_context("spawn")  # a clean process: no inherited state
        pool = stack.enter_context(ProcessPoolExecutor(max_workers=jobs, mp_context=spawn))
        futures = {
            pool.submit(
                run_notebook, path, output_dir, quick, timeout, lane, parameters, source
            ): index
            for index, path in enumerate(notebooks)
        }
        records: list[NotebookRun | None] = [None] * len(notebooks)
        for number, future in enumerate(as_completed(futures), start=1):
            index = futures[future]
            try:
                records[index] = future.result()
            except Exception as error:  # the worker itself died: still one line, never a hang
                name = notebooks[index].name
                records[index] = NotebookRun(name, "failed", 0.0, error=f"worker failed: {error}")
            if report is not None:
                report(number, records[index])
    return [record for record in records if record is not None]


def stack_versions(python: str | Path = sys.executable) -> dict[str, str]:
    """Python and the main package versions of the environment whose interpreter is ``python``."""
    probe = (
        "import importlib.metadata as m, json, platform\n"
        "names = ['keras', 'tensorflow', 'jax', 'numpy', 'scikit-learn']\n"
        "found = {'python': platform.python_version()}\n"
        "for name in names:\n"
        "    try:\n"
        "        found[name] = m.version(name)\n"
        "    except m.PackageNotFoundError:\n"
        "        pass\n"
        "print(json.dumps(found))\n"
    )
    result = subprocess.run(
        [str(python), "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    return json.loads(result.stdout)


def summary_markdown(
    runs: Sequence[NotebookRun],
    quick: bool,
    lane: Lane = REFERENCE,
    parameters: Mapping[str, Any] | None = None,
) -> str:
    """The summary as a Markdown table: notebook, status, seconds, key results."""
    mode = "quick" if quick else "full"
    title = f"# Keras Tricks run ({mode} mode, {lane.description})"
    if parameters:
        title += "; parameters " + ", ".join(f"{k}={v!r}" for k, v in parameters.items())
    lines = [title, "", "| notebook | status | seconds | key results |", "|---|---|---:|---|"]
    for run in runs:
        if run.status == "passed":
            detail = ", ".join(f"{key}={value}" for key, value in run.results.items())
        else:
            detail = run.error.replace("|", "\\|").replace("\n", " ")
        if run.note:
            detail = f"({run.note}) {detail}"
        lines.append(f"| {run.notebook} | {run.status} | {run.seconds:.1f} | {detail} |")
    counts = Counter(run.status for run in runs)
    total = sum(run.seconds for run in runs)
    tally = f"{counts['passed']} passed, {counts['failed']} failed"
    if counts["skipped"]:
        tally += f", {counts['skipped']} skipped"
    lines += ["", f"{tally} in {total:.1f} s of notebook time"]
    return "\n".join(lines)


def summary_folder(lane: Lane, quick: bool, whole_lane: bool) -> str:
    """``<lane>-<mode>`` for a whole lane with the default knobs, else ``<lane>-<mode>-custom``.

    Only whole-lane runs feed the README's compatibility table, so a run of a selection or
    with changed knobs never overwrites theirs.
    """
    name = f"{lane.name}-{'quick' if quick else 'full'}"
    return name if whole_lane else f"{name}-custom"


def write_summary(
    output_dir: Path,
    runs: Sequence[NotebookRun],
    quick: bool,
    lane: Lane,
    parameters: Mapping[str, Any],
    stack: Mapping[str, str],
) -> str:
    """Write ``summary.md`` and ``summary.json`` (which the README's table is made from)."""
    markdown = summary_markdown(runs, quick, lane, parameters)
    (output_dir / "summary.md").write_text(markdown + "\n", encoding="utf-8")
    report = {
        "lane": lane.name,
        "backend": lane.backend,
        "mode": "quick" if quick else "full",
        "parameters": dict(parameters),
        "stack": dict(stack),
        "notebooks": [asdict(run) for run in runs],
    }
    (output_dir / "summary.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return markdown


__all__ = [
    "JAX",
    "NOTEBOOKS_DIR",
    "REFERENCE",
    "Lane",
    "NotebookRun",
    "check_parameters",
    "describe_failure",
    "kernel_failed_to_start",
    "parse_parameter",
    "run_notebook",
    "run_notebooks",
    "select_notebooks",
    "stack_versions",
    "summary_folder",
    "summary_markdown",
    "write_summary",
]
