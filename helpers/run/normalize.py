"""Normalising executed notebooks before they are committed.

Executed notebooks carry things that change on every run or reveal the machine
that ran them: papermill's timing metadata, kernel versions, absolute paths in
warnings. Stripping them keeps ``git diff`` about real changes only.
"""

from __future__ import annotations

import os
import re
import tempfile
from typing import Any

from helpers.run.project import REPO_ROOT

# Absolute paths that reveal a machine; the tests scan committed notebooks for these.
MACHINE_PATH_PATTERN = re.compile(
    r"(?<![^\s'\"(=])/(?:home|root|Users|tmp|private|var/folders|work|content|opt)/"
    r"|[A-Za-z]:\\\\?Users\\\\"
)

# Native log lines that say nothing about a trick: TensorFlow's C++ logs (absl format:
# severity, date, time, thread, file:line]) and its start-up notices. They carry timestamps
# and thread ids, so they are dropped from committed outputs, and nbval ignores them too
# (helpers.run.pytest_plugin hands these same patterns to nbval as its sanitizers).
NATIVE_LOG_PATTERNS = {
    "tensorflow-native-log": r"(?m)^[IWEF]\d{4} \d\d:\d\d:\d+\.\d+ +\d+ [^\]]+\] .*\n?",
    "absl-preamble": (
        r"(?m)^WARNING: All log messages before absl::InitializeLog\(\) is called"
        r" are written to STDERR\n?"
    ),
    "cpu-instructions": r"(?m)^To enable the following instructions: .*\n?",
    "onednn-notice": r"(?m)^oneDNN custom operations are on\..*\n?",
}
_NATIVE_LOG_LINE = re.compile(
    "|".join(f"(?:{p.removeprefix('(?m)')})" for p in NATIVE_LOG_PATTERNS.values()), re.MULTILINE
)

_KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _path_replacements() -> list[tuple[re.Pattern[str], str]]:
    temp = re.escape(os.path.realpath(tempfile.gettempdir()))
    return [
        (re.compile(r"[^\s'\"]*/(?:site|dist)-packages/"), "<site-packages>/"),
        (re.compile(re.escape(str(REPO_ROOT))), "<repo>"),
        (re.compile(temp + r"/[^\s'\"/]+"), "<tmp>"),
        (re.compile(re.escape(os.path.expanduser("~"))), "~"),
    ]


def scrub_text(text: str) -> str:
    """Replace machine-specific absolute paths in output text with neutral placeholders."""
    for pattern, replacement in _path_replacements():
        text = pattern.sub(replacement, text)
    return text


def drop_native_logs(text: str) -> str:
    """Remove TensorFlow's C++ log lines (timestamps, thread ids) from a stream's text."""
    return _NATIVE_LOG_LINE.sub("", text)


def _scrub_output(output: dict[str, Any]) -> None:
    if "text" in output:
        text = output["text"]
        text = "".join(text) if isinstance(text, list) else text
        output["text"] = scrub_text(drop_native_logs(text))
    for mime, value in output.get("data", {}).items():
        if mime.startswith("text/"):
            joined = "".join(value) if isinstance(value, list) else value
            output["data"][mime] = scrub_text(joined)
    output.get("metadata", {}).pop("papermill", None)


def _merge_streams(outputs: list[Any]) -> list[Any]:
    """Join consecutive writes to the same stream into one output and drop empty ones."""
    merged: list[Any] = []
    for output in outputs:
        if output.get("output_type") == "stream":
            if not output.get("text"):
                continue
            previous = merged[-1] if merged else None
            if (
                previous is not None
                and previous.get("output_type") == "stream"
                and (previous.get("name") == output.get("name"))
            ):
                previous["text"] += output["text"]
                continue
        merged.append(output)
    return merged


def normalize_notebook(notebook: Any) -> Any:
    """Strip volatile metadata and machine paths from an executed notebook, in place.

    Raises ValueError if the notebook holds an error output: a committed notebook
    must show a successful run.
    """
    notebook.metadata.pop("papermill", None)
    notebook.metadata.pop("widgets", None)
    notebook.metadata["kernelspec"] = dict(_KERNELSPEC)
    notebook.metadata["language_info"] = {"name": "python"}
    for index, cell in enumerate(notebook.cells):
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.metadata.get("tags") == []:  # papermill adds empty tag lists everywhere
            del cell.metadata["tags"]
        if cell.cell_type != "code":
            continue
        for output in cell.outputs:
            if output.get("output_type") == "error":
                raise ValueError(f"cell {index} holds an error output: {output.get('ename')}")
            _scrub_output(output)
        cell.outputs = _merge_streams(cell.outputs)
    return notebook
