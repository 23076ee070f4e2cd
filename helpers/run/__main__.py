"""The cookbook's runner: execute notebooks with papermill and report what they showed.

    python -m helpers.run                         # every notebook, full mode
    python -m helpers.run 01 03 --quick           # a selection, quick mode
    python -m helpers.run 13 -p EPOCHS=30         # turn a knob of the parameters cell
    python -m helpers.run --refresh               # full run, then rewrite the committed notebooks
    python -m helpers.run --quick --lane jax      # the portable notebooks under JAX
    python -m helpers.run --quick --lane colab    # each notebook alone on Colab's stack

Executed copies, one log per notebook and a summary (``summary.md``, ``summary.json``) go
to ``--output-dir``: by default ``runs/<lane>-<mode>`` for a whole lane with the default
knobs (the README's compatibility table reads those), ``runs/<lane>-<mode>-custom`` otherwise.
The exit status is non-zero when any notebook fails; the report names the notebook, the cell,
the error and the log.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from helpers.run.colab import SETUP_HINT, default_colab_python
from helpers.run.project import NOTEBOOKS_DIR, RUNS_DIR, all_notebooks
from helpers.run.runner import (
    JAX,
    REFERENCE,
    Lane,
    NotebookRun,
    check_parameters,
    parse_parameter,
    run_notebooks,
    select_notebooks,
    stack_versions,
    summary_folder,
    write_summary,
)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.run", description=__doc__.split("\n")[0]
    )
    parser.add_argument("notebooks", nargs="*", help="numbers or names (default: all)")
    parser.add_argument("--quick", action="store_true", help="less data and fewer epochs")
    parser.add_argument(
        "--lane",
        choices=["reference", "jax", "colab"],
        default="reference",
        help="reference: TensorFlow on requirements.txt (default); jax: KERAS_BACKEND=jax, "
        "notebooks not written for it are skipped with their reason; colab: each notebook "
        "alone on Colab's stack (requirements-colab.txt), its own Colab cell installing the "
        "helpers from this working tree",
    )
    parser.add_argument(
        "-p",
        "--parameter",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a parameter of the notebooks' parameters cell (a Python literal), e.g. "
        "-p EPOCHS=30; a name a selected notebook does not declare is an error",
    )
    parser.add_argument("--jobs", type=int, default=1, help="notebooks run at a time")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds allowed per cell")
    parser.add_argument("--output-dir", type=Path, help="executed copies, logs and summary")
    parser.add_argument(
        "--refresh",
        action="store_true",
        help="full mode, reference lane: rewrite notebooks/ with the normalised outputs",
    )
    parser.add_argument(
        "--colab-python",
        type=Path,
        default=default_colab_python(),
        help="the Colab lane's interpreter (default: .venv-colab/bin/python)",
    )
    return parser.parse_args(argv)


def _usage_error(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def _progress_line(number: int, total: int, run: NotebookRun) -> str:
    head = f"[{number:>2}/{total}] {run.notebook:<36}"
    if run.status == "passed":
        return f"{head} passed  {run.seconds:6.1f} s" + (f"  ({run.note})" if run.note else "")
    if run.status == "skipped":
        return f"{head} skipped           {run.error}"
    log = f" (log: {os.path.relpath(run.log)})" if run.log else ""
    return f"{head} FAILED  {run.seconds:6.1f} s  {run.error}{log}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the selected notebooks; return 0 when none fails, 1 otherwise, 2 on bad usage."""
    args = parse_args(argv)
    if args.refresh and (args.quick or args.lane != "reference" or args.parameter):
        return _usage_error(
            "--refresh writes the committed notebooks, which show full-mode runs of the "
            "reference lane with the default parameters: drop --quick, --lane and -p."
        )
    if args.jobs < 1:
        return _usage_error(f"--jobs must be at least 1, got {args.jobs}")
    try:
        notebooks = select_notebooks(args.notebooks)
        parameters = dict(parse_parameter(text) for text in args.parameter)
        if "QUICK" in parameters:
            raise ValueError("set quick mode with --quick, not -p QUICK=...")
        check_parameters(notebooks, parameters)
    except ValueError as error:
        return _usage_error(str(error))
    if not notebooks:
        return _usage_error(f"no notebooks found in {NOTEBOOKS_DIR}")
    lane = {"reference": REFERENCE, "jax": JAX}.get(args.lane)
    if lane is None:
        if not args.colab_python.exists():
            return _usage_error(
                f"the Colab lane needs Colab's stack at {args.colab_python}: {SETUP_HINT}"
            )
        lane = Lane("colab", "tensorflow", args.colab_python)
    output_dir = args.output_dir or RUNS_DIR / summary_folder(
        lane, args.quick, whole_lane=len(notebooks) == len(all_notebooks()) and not parameters
    )
    mode = "quick" if args.quick else "full"
    stack = stack_versions(lane.colab_python or sys.executable)
    versions = ", ".join(f"{name} {version}" for name, version in stack.items())
    print(f"{lane.description} ({versions}), {mode} mode, {args.jobs} at a time", flush=True)

    def report(number: int, run: NotebookRun) -> None:
        print(_progress_line(number, len(notebooks), run), flush=True)
        if args.refresh and run.status == "passed":
            _refresh(output_dir / run.notebook, NOTEBOOKS_DIR / run.notebook)

    runs = run_notebooks(
        notebooks, output_dir, args.quick, args.timeout, lane, parameters, args.jobs, report
    )
    markdown = write_summary(output_dir, runs, args.quick, lane, parameters, stack)
    print()
    print(markdown)
    return 0 if all(run.status != "failed" for run in runs) else 1


def _refresh(executed_path: Path, committed_path: Path) -> None:
    import nbformat

    from helpers.run.normalize import normalize_notebook

    executed = nbformat.read(executed_path, as_version=4)
    nbformat.write(normalize_notebook(executed), committed_path)
    print(f"        refreshed notebooks/{committed_path.name}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
