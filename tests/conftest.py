"""Shared fixtures: a Jupyter kernel that dies at its first starts, like a flaky CI machine's."""

import json
import sys

import pytest

_LAUNCHER = """\
import pathlib, runpy, sys
starts = pathlib.Path(sys.argv.pop(1))
deaths_left = int(starts.read_text())
if deaths_left:
    starts.write_text(str(deaths_left - 1))
    sys.exit(3)  # dies before replying to kernel_info
sys.argv[0] = "ipykernel_launcher"
runpy.run_module("ipykernel_launcher", run_name="__main__")
"""


@pytest.fixture
def flaky_kernel(tmp_path, monkeypatch):
    """``make(deaths)``: a kernelspec named "flaky" whose next ``deaths`` starts die at once.

    Returns the file counting the deaths still to come; JUPYTER_PATH points at the spec.
    """

    def make(deaths: int):
        folder = tmp_path / "jupyter" / "kernels" / "flaky"
        folder.mkdir(parents=True, exist_ok=True)
        launcher, starts = folder / "launch.py", folder / "deaths_left"
        launcher.write_text(_LAUNCHER)
        starts.write_text(str(deaths))
        spec = {
            "argv": [sys.executable, str(launcher), str(starts), "-f", "{connection_file}"],
            "display_name": "flaky",
            "language": "python",
        }
        (folder / "kernel.json").write_text(json.dumps(spec))
        monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
        return starts

    return make
