"""The README's compatibility table, notebook x lane, made from the lanes' run summaries.

    python -m helpers.run.compat           # rewrite the table in README.md
    python -m helpers.run.compat --check   # exit 1 if README.md's table differs from the runs

It reads ``runs/<lane>-quick/summary.json`` of the three test lanes (written by the runner,
and for the reference lane by nbval through ``helpers.run.pytest_plugin``). Each lane must
have run every notebook, and none may have failed: the table shows what the lanes prove.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from helpers.run.project import REPO_ROOT, RUNS_DIR, all_notebooks

LANES = ("reference", "jax", "colab")
START, END = "<!-- compatibility -->", "<!-- /compatibility -->"
_HEADINGS = {
    "reference": "reference lane",
    "jax": "JAX lane",
    "colab": "Colab lane (each notebook alone)",
}


def load_summary(lane: str, runs_dir: Path = RUNS_DIR) -> dict[str, Any]:
    """A lane's quick-mode summary, checked to cover every notebook with no failure."""
    path = runs_dir / f"{lane}-quick" / "summary.json"
    if not path.is_file():
        raise ValueError(f"no summary for the {lane} lane at {path}: run that lane first")
    summary = json.loads(path.read_text(encoding="utf-8"))
    if summary.get("lane") != lane or summary.get("mode") != "quick" or summary.get("parameters"):
        raise ValueError(
            f"{path} is not a quick run of the whole {lane} lane with the default knobs: rerun it"
        )
    names = [path.name for path in all_notebooks()]
    covered = {run["notebook"] for run in summary["notebooks"]}
    missing = [name for name in names if name not in covered]
    if missing:
        raise ValueError(
            f"the {lane} lane's summary ({path}) lacks {len(missing)} of {len(names)} "
            f"notebooks ({', '.join(missing[:3])}{', ...' if len(missing) > 3 else ''}): "
            "run the whole lane"
        )
    failed = [run["notebook"] for run in summary["notebooks"] if run["status"] == "failed"]
    if failed:
        raise ValueError(f"the {lane} lane failed {', '.join(failed)}: fix them first")
    return summary


def _stack(stack: Mapping[str, str], backend: str) -> str:
    engine = "jax" if backend == "jax" else "tensorflow"
    name = "JAX" if backend == "jax" else "TensorFlow"
    keras = stack.get("keras", "?")
    python = ".".join(stack.get("python", "?").split(".")[:2])  # the patch release varies
    return f"{name} {stack.get(engine, '?')}, Keras {keras}, Python {python}"


def _cell(run: Mapping[str, Any]) -> str:
    if run["status"] == "skipped":  # "TensorFlow only"; README's Backends section says why
        return "skipped: " + run["error"].split(":")[0]
    return run["status"]


def compatibility_table(summaries: Mapping[str, Mapping[str, Any]]) -> str:
    """The Markdown table, one row per notebook, one column per lane."""
    header = ["notebook"] + [
        f"{_HEADINGS[lane]}: {_stack(summaries[lane]['stack'], summaries[lane]['backend'])}"
        for lane in LANES
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    by_lane = {
        lane: {run["notebook"]: run for run in summaries[lane]["notebooks"]} for lane in LANES
    }
    for path in all_notebooks():
        link = f"[{path.name[:2]}](notebooks/{path.name})"
        cells = [_cell(by_lane[lane][path.name]) for lane in LANES]
        lines.append("| " + " | ".join([link, *cells]) + " |")
    return "\n".join(lines)


def replace_section(readme: str, table: str) -> str:
    """README text with the table between the compatibility markers replaced."""
    if START not in readme or END not in readme:
        raise ValueError(f"README.md has no {START} ... {END} section to fill")
    before, rest = readme.split(START, 1)
    _, after = rest.split(END, 1)
    return f"{before}{START}\n{table}\n{END}{after}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.run.compat", description=__doc__)
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("--runs-dir", type=Path, default=RUNS_DIR)
    args = parser.parse_args(argv)
    readme_path = REPO_ROOT / "README.md"
    try:
        summaries = {lane: load_summary(lane, args.runs_dir) for lane in LANES}
        readme = readme_path.read_text(encoding="utf-8")
        updated = replace_section(readme, compatibility_table(summaries))
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    if updated == readme:
        print("README.md's compatibility table matches the three lanes' runs.")
        return 0
    if args.check:
        diff = difflib.unified_diff(
            readme.splitlines(), updated.splitlines(), "README.md", "from the runs", lineterm=""
        )
        print("\n".join(diff))
        print(
            "\nREADME.md's compatibility table differs from the lanes' runs: "
            "run `python -m helpers.run.compat` and commit README.md.",
            file=sys.stderr,
        )
        return 1
    readme_path.write_text(updated, encoding="utf-8")
    print("README.md's compatibility table rewritten from the three lanes' runs.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
