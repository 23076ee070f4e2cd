"""Which Keras backends a notebook runs on, as its title cell declares.

Every notebook's title cell carries one line, visible to readers, in one of two forms::

    **Backends:** TensorFlow, JAX
    **Backends:** TensorFlow only: tf.data pipelines and tf.distribute strategies

The runner and the tests read it through ``skip_reason``, the one place that decides
whether a notebook runs on a backend, so a TensorFlow-only notebook is skipped under
another backend with its stated reason, never silently.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

BACKEND_ENV_VAR = "KERAS_BACKEND"
DISPLAY_NAMES = {"tensorflow": "TensorFlow", "jax": "JAX", "torch": "PyTorch"}
_LINE = re.compile(r"^\*\*Backends:\*\*[ \t]*(?P<text>.*)$", re.MULTILINE)
_ONLY = re.compile(r"^(?P<name>[\w ]+?) only:[ \t]*(?P<reason>\S.*)$")


@dataclass(frozen=True)
class Portability:
    """The backends a notebook runs on and, when that is one backend, why."""

    backends: tuple[str, ...]
    reason: str = ""

    def supports(self, backend: str) -> bool:
        return backend in self.backends

    def skip_reason(self, backend: str) -> str:
        """Why the notebook does not run on ``backend`` (empty when it does)."""
        if self.supports(backend):
            return ""
        names = " and ".join(DISPLAY_NAMES[name] for name in self.backends)
        detail = f": {self.reason}" if self.reason else ""
        return f"{names} only{detail}"


def _backend_from_name(name: str, source: str) -> str:
    for backend, display in DISPLAY_NAMES.items():
        if name.strip().lower() in (backend, display.lower()):
            return backend
    known = ", ".join(DISPLAY_NAMES.values())
    raise ValueError(f"{source}: unknown backend {name.strip()!r} (known: {known})")


def parse_backends_line(title: str, source: str = "title cell") -> Portability:
    """Read the ``**Backends:**`` line of a title cell (``source`` names it in errors)."""
    match = _LINE.search(title)
    if match is None:
        raise ValueError(
            f"{source} has no '**Backends:**' line; add '**Backends:** TensorFlow, JAX' or "
            "'**Backends:** TensorFlow only: <why>'"
        )
    text = match["text"].strip().rstrip(".")
    only = _ONLY.match(text)
    if only:
        return Portability((_backend_from_name(only["name"], source),), only["reason"].strip())
    if " only" in text:
        raise ValueError(f"{source}: a one-backend notebook must say why: '<Backend> only: <why>'")
    backends = tuple(_backend_from_name(name, source) for name in text.split(","))
    if len(set(backends)) != len(backends) or not backends:
        raise ValueError(f"{source}: list each backend once, e.g. 'TensorFlow, JAX'")
    return Portability(backends)


UNDECLARED = Portability(("tensorflow",), "its title cell declares no '**Backends:**' line")


def notebook_portability(path: Path) -> Portability:
    """The backends declared in a notebook file's title cell.

    A notebook without the line is taken as TensorFlow-only (the cookbook's
    reference backend) and says so when skipped; the convention tests require the
    line on every committed notebook.
    """
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    title = notebook.cells[0].source if notebook.cells else ""
    if not _LINE.search(title):
        return UNDECLARED
    return parse_backends_line(title, source=Path(path).name)


def active_backend() -> str:
    """The backend a new kernel will use: ``KERAS_BACKEND``, else TensorFlow (Keras's default)."""
    backend = os.environ.get(BACKEND_ENV_VAR, "").strip() or "tensorflow"
    if backend not in DISPLAY_NAMES:
        known = ", ".join(DISPLAY_NAMES)
        raise ValueError(
            f"{BACKEND_ENV_VAR}={backend!r} is not a Keras backend; use one of {known}"
        )
    return backend


def skip_reason(path: Path, backend: str) -> str:
    """Why the notebook at ``path`` does not run on ``backend`` (empty when it does).

    Raises:
        ValueError: the title cell's ``**Backends:**`` line is malformed (it says how to fix it).
    """
    return notebook_portability(Path(path)).skip_reason(backend)
