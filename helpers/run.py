"""The cookbook's runner: execute notebooks with papermill and report what they showed.

    python -m helpers.run                    # every notebook, full mode
    python -m helpers.run 01 03 --quick      # a selection, quick mode
    python -m helpers.run --refresh          # full run, then rewrite the committed notebooks
    python -m helpers.run --quick --backend jax   # the portable notebooks under JAX

Executed copies and a summary (``summary.md``, ``summary.json``) go to ``--output-dir``.
The exit status is non-zero when any notebook fails; the report names the
notebook, the cell and the error.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from helpers.backends import BACKEND_ENV_VAR, DISPLAY_NAMES, active_backend, notebook_portability
from helpers.project import NOTEBOOKS_DIR, QUICK_ENV_VAR, REPO_ROOT

DEFAULT_OUTPUT_DIR = REPO_ROOT / "runs"


@dataclass
class NotebookRun:
    """What happened when one notebook ran."""

    notebook: str
    status: str  # "passed", "failed" or "skipped" (not written for the backend asked for)
    seconds: float
    results: dict[str, Any] = field(default_factory=dict)
    error: str = ""


def all_notebooks() -> list[Path]:
    """Every cookbook notebook, in number order."""
    return sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))


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


def describe_failure(error: BaseException) -> str:
    """One line naming the failing cell and the error, from papermill's exception."""
    ename = getattr(error, "ename", type(error).__name__)
    evalue = getattr(error, "evalue", str(error))
    count = getattr(error, "exec_count", None)
    where = f"cell [{count}]" if count is not None else "before any cell ran"
    return f"{where}: {ename}: {evalue}".strip()


@contextlib.contextmanager
def _kernel_env(variables: dict[str, str]) -> Iterator[None]:
    """Set environment variables for the kernel about to start, then restore the old values.

    Kernels inherit this process's environment; being explicit stops an exported
    COOKBOOK_QUICK=1 from leaking into a full run, or another backend into this one.
    """
    previous = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                del os.environ[name]
            else:
                os.environ[name] = value


def run_notebook(
    path: Path,
    output_dir: Path,
    quick: bool,
    timeout: int,
    progress: bool = True,
    backend: str | None = None,
) -> tuple[NotebookRun, Any]:
    """Execute one notebook with papermill; return its record and the executed notebook.

    ``backend`` (default: the active one) is checked against the notebook's declared
    backends first; a notebook not written for it is skipped, with its reason.
    """
    import nbformat
    import papermill

    from helpers.results import results_from_notebook

    backend = backend or active_backend()
    try:
        skip_reason = notebook_portability(path).skip_reason(backend)
    except ValueError as error:
        return NotebookRun(path.name, "failed", 0.0, error=str(error)), None
    if skip_reason:
        return NotebookRun(path.name, "skipped", 0.0, error=skip_reason), None
    output_path = output_dir / path.name
    parameters = {"QUICK": True} if quick else {}
    variables = {QUICK_ENV_VAR: "1" if quick else "0", BACKEND_ENV_VAR: backend}
    started = time.perf_counter()
    try:
        with _kernel_env(variables):
            papermill.execute_notebook(
                str(path),
                str(output_path),
                parameters=parameters,
                cwd=str(path.parent),
                kernel_name="python3",
                progress_bar=progress,
                execution_timeout=timeout,
                log_output=False,
            )
    except Exception as error:
        seconds = time.perf_counter() - started
        return NotebookRun(
            path.name, "failed", round(seconds, 1), error=describe_failure(error)
        ), None
    seconds = time.perf_counter() - started
    executed = nbformat.read(output_path, as_version=4)
    return NotebookRun(
        path.name, "passed", round(seconds, 1), results_from_notebook(executed)
    ), executed


def summary_markdown(runs: Sequence[NotebookRun], quick: bool, backend: str = "tensorflow") -> str:
    """The summary as a Markdown table: notebook, status, seconds, key results."""
    mode = "quick" if quick else "full"
    lines = [
        f"# Keras Tricks run ({mode} mode, {DISPLAY_NAMES[backend]} backend)",
        "",
        "| notebook | status | seconds | key results |",
        "|---|---|---:|---|",
    ]
    for run in runs:
        if run.status == "passed":
            detail = ", ".join(f"{key}={value}" for key, value in run.results.items())
        else:
            detail = run.error.replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {run.notebook} | {run.status} | {run.seconds:.1f} | {detail} |")
    counts = Counter(run.status for run in runs)
    total = sum(run.seconds for run in runs)
    tally = f"{counts['passed']} passed, {counts['failed']} failed"
    if counts["skipped"]:
        tally += f", {counts['skipped']} skipped"
    lines += ["", f"{tally} in {total:.1f} s"]
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.run", description=__doc__.split("\n")[0]
    )
    parser.add_argument("notebooks", nargs="*", help="numbers or names (default: all)")
    parser.add_argument("--quick", action="store_true", help="less data and fewer epochs")
    parser.add_argument(
        "--output-dir", type=Path, default=DEFAULT_OUTPUT_DIR, help="executed copies and summary"
    )
    parser.add_argument(
        "--refresh",
        action="store_true",
        help="full mode only: rewrite notebooks/ with the normalised outputs of a passing run",
    )
    parser.add_argument(
        "--backend",
        choices=sorted(DISPLAY_NAMES),
        help="Keras backend for the kernels (default: $KERAS_BACKEND, else tensorflow); "
        "notebooks not written for it are skipped with their reason",
    )
    parser.add_argument("--timeout", type=int, default=1800, help="seconds allowed per cell")
    parser.add_argument("--no-progress", action="store_true", help="hide the per-cell progress bar")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the selected notebooks; return 0 when none fails, 1 otherwise, 2 on bad usage."""
    args = parse_args(argv)
    if args.refresh and args.quick:
        print(
            "--refresh writes the committed notebooks, which show full-mode runs: drop --quick.",
            file=sys.stderr,
        )
        return 2
    try:
        notebooks = select_notebooks(args.notebooks)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    if not notebooks:
        print(f"no notebooks found in {NOTEBOOKS_DIR}", file=sys.stderr)
        return 2
    try:
        backend = args.backend or active_backend()
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    if args.refresh and backend != "tensorflow":
        print(
            "--refresh writes the committed notebooks, which show TensorFlow runs: "
            "drop --backend or use --backend tensorflow.",
            file=sys.stderr,
        )
        return 2

    import nbformat

    from helpers.normalize import normalize_notebook

    args.output_dir.mkdir(parents=True, exist_ok=True)
    runs: list[NotebookRun] = []
    for number, path in enumerate(notebooks, start=1):
        mode = "quick" if args.quick else "full"
        print(f"[{number}/{len(notebooks)}] {path.name} ({mode} mode, {backend})", flush=True)
        run, executed = run_notebook(
            path, args.output_dir, args.quick, args.timeout, not args.no_progress, backend
        )
        runs.append(run)
        if run.status == "skipped":
            print(f"  skipped: {run.error}", flush=True)
            continue
        if run.status == "failed":
            print(f"  FAILED {path.name}, {run.error}", flush=True)
            continue
        print(f"  passed in {run.seconds:.1f} s", flush=True)
        if args.refresh:
            nbformat.write(normalize_notebook(executed), path)
            print(f"  refreshed notebooks/{path.name}", flush=True)

    markdown = summary_markdown(runs, args.quick, backend)
    (args.output_dir / "summary.md").write_text(markdown + "\n", encoding="utf-8")
    report = {
        "mode": "quick" if args.quick else "full",
        "backend": backend,
        "notebooks": [asdict(run) for run in runs],
    }
    (args.output_dir / "summary.json").write_text(
        json.dumps(report, indent=2) + "\n", encoding="utf-8"
    )
    print()
    print(markdown)
    return 0 if all(run.status != "failed" for run in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
