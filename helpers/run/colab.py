"""The Colab lane: each notebook alone, on Colab's stack, its own Colab cell doing the set-up.

What a reader gets by clicking a notebook's badge, reproduced offline:

* the notebook is copied **alone** into an empty folder, which becomes the kernel's working
  directory, so nothing of the repository is importable;
* the kernel runs on a fresh overlay of the Colab venv (``requirements-colab.txt``): it sees
  Colab's packages, and whatever the notebook's ``%pip install`` adds lands in the overlay
  only, so every notebook starts from the same untouched stack;
* an IPython start-up file puts a stand-in ``google.colab`` into ``sys.modules`` before the
  first cell, as Colab's kernel has, so the notebook's guarded Colab cell runs;
* that cell's ``%pip install "keras-tricks @ git+https://github.com/..."`` is served from a
  snapshot of this working tree, through git's ``url.<snapshot>.insteadOf``.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from helpers.run.backends import BACKEND_ENV_VAR
from helpers.run.project import GITHUB_URL, REPO_ROOT
from helpers.run.runner import Kernel

STUB = Path(__file__).with_name("colab_stub.py")
KERNEL_NAME = "colab-stack"
SETUP_HINT = (
    "create it with: python3.12 -m venv .venv-colab && "
    ".venv-colab/bin/pip install -r requirements-colab.txt"
)


def _run(command: list[str], cwd: Path | None = None, env: dict | None = None) -> str:
    """Run a set-up command; on failure, raise with what it printed on stderr."""
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:3])} ... failed: {result.stderr.strip()[-800:]}")
    return result.stdout


def _git(*arguments: str, cwd: Path) -> str:
    # The developer's own git settings (signing, hooks) play no part in a throw-away snapshot.
    quiet = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return _run(["git", *arguments], cwd=cwd, env=quiet)


@contextlib.contextmanager
def repository_snapshot() -> Iterator[str]:
    """A throw-away git repository holding this working tree as GitHub would serve it.

    It holds the files git sees (tracked, and untracked ones not ignored), uncommitted
    changes included, so the lane tests what is on disk. Yields its ``file://`` URL.
    """
    listing = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO_ROOT)
    with tempfile.TemporaryDirectory(prefix="keras-tricks-snapshot-") as folder:
        snapshot = Path(folder)
        for name in filter(None, listing.split("\0")):
            source = REPO_ROOT / name
            if source.is_file():  # a tracked file deleted on disk is not served
                (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, snapshot / name)
        _git("init", "-q", "-b", "main", cwd=snapshot)
        _git("add", "-A", cwd=snapshot)
        _git(
            "-c", "user.name=Keras Tricks", "-c", "user.email=lane@localhost",
            "commit", "-q", "--no-verify", "-m", "snapshot of the working tree", cwd=snapshot,
        )  # fmt: skip
        yield snapshot.as_uri()


def _overlay_environment(colab_python: Path, folder: Path) -> Path:
    """A fresh virtual environment layered over the Colab venv; returns its interpreter.

    Its site-packages comes first and pulls in the Colab venv's through a ``.pth`` file
    (``site.addsitedir``, so that venv's own ``.pth`` files apply too). pip installs into
    the overlay and never touches the Colab venv: a package the notebook upgrades is
    installed here and shadows Colab's copy.
    """
    probe = (
        "import sys, sysconfig; print(sysconfig.get_paths()['purelib']); "
        "print(sys._base_executable)"
    )
    colab_site, base_python = _run_python(colab_python, probe).splitlines()
    _run([base_python, "-m", "venv", "--without-pip", str(folder)])
    python = folder / "bin" / "python"
    overlay_site = _run_python(python, "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    (Path(overlay_site.strip()) / "colab-stack.pth").write_text(
        f"import site; site.addsitedir({colab_site!r})\n", encoding="utf-8"
    )
    return python


def _run_python(python: Path | str, code: str, cwd: Path | None = None) -> str:
    return _run([str(python), "-c", code], cwd=cwd).strip()


def _path_without_this_venv() -> str:
    """$PATH without the runner's own virtual environment, which Colab's kernel never sees."""
    entries = os.environ.get("PATH", "").split(os.pathsep)
    return os.pathsep.join(entry for entry in entries if not entry.startswith(sys.prefix))


@contextlib.contextmanager
def kernel_for(notebook: Path, colab_python: Path, source: str | None) -> Iterator[Kernel]:
    """Set up one notebook's Colab-style kernel in a temporary folder, removed afterwards.

    ``source`` is the ``file://`` URL that stands in for the GitHub repository.
    """
    if not colab_python.exists():
        raise FileNotFoundError(f"no Colab stack at {colab_python}: {SETUP_HINT}")
    # A process the notebook started may still write there when the run ends.
    with tempfile.TemporaryDirectory(
        prefix=f"colab-{notebook.stem[:2]}-", ignore_cleanup_errors=True
    ) as folder:
        root = Path(folder)
        alone = root / "content"  # Colab's working directory is /content
        alone.mkdir()
        shutil.copy2(notebook, alone / notebook.name)
        python = _overlay_environment(colab_python, root / "env")
        found = _run_python(
            python, "import importlib.util as u; print(u.find_spec('helpers'))", alone
        )
        if found != "None":
            raise RuntimeError(
                f"the Colab stack at {colab_python} can already import helpers ({found}); "
                "in the lane only the notebook's own Colab cell may install them"
            )
        startup = root / "ipython" / "profile_default" / "startup"
        startup.mkdir(parents=True)
        shutil.copy2(STUB, startup / "00-google-colab.py")
        # git fetches "GitHub" from the snapshot: a git config of its own, for this kernel only.
        (root / "gitconfig").write_text(
            f'[url "{source}"]\n\tinsteadOf = {GITHUB_URL}\n' if source else "", encoding="utf-8"
        )
        variables = {
            "IPYTHONDIR": str(root / "ipython"),
            "JUPYTER_PATH": str(root / "jupyter"),
            "GIT_CONFIG_GLOBAL": str(root / "gitconfig"),
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "PATH": _path_without_this_venv(),
        }
        spec = root / "jupyter" / "kernels" / KERNEL_NAME
        spec.mkdir(parents=True)
        (spec / "kernel.json").write_text(
            json.dumps(
                {
                    "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                    "display_name": "Python 3 (Colab's stack)",
                    "language": "python",
                }
            ),
            encoding="utf-8",
        )
        unset = (BACKEND_ENV_VAR, "PYTHONPATH", "VIRTUAL_ENV")  # Colab sets none of them
        yield Kernel(KERNEL_NAME, alone / notebook.name, alone, variables, unset)


def default_colab_python() -> Path:
    """Where ``.ci/run`` creates the Colab venv: ``.venv-colab`` beside the repository's files."""
    return REPO_ROOT / ".venv-colab" / "bin" / "python"


__all__ = ["SETUP_HINT", "default_colab_python", "kernel_for", "repository_snapshot"]
