"""The runner: selection, parameters, quiet output, failure reports, lanes; real papermill runs."""

import json
import os
import subprocess
import sys
import sysconfig
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import nbformat
import pytest

import helpers.run.__main__ as cli
import helpers.run.runner as runner
from helpers.results import RESULTS_MIME
from helpers.run.project import GITHUB_URL
from helpers.run.runner import (
    REFERENCE,
    Lane,
    NotebookRun,
    describe_failure,
    parse_parameter,
    run_notebook,
    select_notebooks,
    summary_folder,
    summary_markdown,
)


def write_notebook(path, *sources, parameters="QUICK = False", backends="TensorFlow, JAX"):
    notebook = nbformat.v4.new_notebook()
    title = nbformat.v4.new_markdown_cell(f"# A test notebook\n\n**Backends:** {backends}")
    parameters_cell = nbformat.v4.new_code_cell(parameters)
    parameters_cell.metadata["tags"] = ["parameters"]
    notebook.cells = [
        title,
        parameters_cell,
        *(nbformat.v4.new_code_cell(source) for source in sources),
    ]
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "language": "python",
        "display_name": "Python 3",
    }
    nbformat.write(notebook, path)
    return path


RECORD = "from helpers.results import record_results"


@pytest.fixture
def notebooks_dir(tmp_path, monkeypatch):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name in ["01_first.ipynb", "02_second.ipynb", "10_tenth.ipynb", "notes.ipynb"]:
        write_notebook(folder / name)
    monkeypatch.setattr("helpers.run.project.NOTEBOOKS_DIR", folder)
    monkeypatch.setattr(cli, "NOTEBOOKS_DIR", folder)
    return folder


def run_cli(*arguments, output_dir):
    return cli.main([*arguments, "--output-dir", str(output_dir)])


def summary(output_dir):
    return json.loads((output_dir / "summary.json").read_text())


def test_selection_by_number_name_or_file(notebooks_dir):
    assert [p.name for p in select_notebooks([])] == [
        "01_first.ipynb",
        "02_second.ipynb",
        "10_tenth.ipynb",
    ]
    chosen = select_notebooks(["1", "10_tenth", "notebooks/02_second.ipynb", "01"])
    assert [p.name for p in chosen] == ["01_first.ipynb", "10_tenth.ipynb", "02_second.ipynb"]


def test_an_unknown_selection_lists_what_exists(notebooks_dir):
    with pytest.raises(
        ValueError, match="no notebook matches '7'; available: 01_first, 02_second, 10_tenth"
    ):
        select_notebooks(["7"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("EPOCHS=30", ("EPOCHS", 30)),
        ("SIZES=[1, 2]", ("SIZES", [1, 2])),
        ("P=growth", ("P", "growth")),
    ],
)
def test_parameters_are_python_literals_or_strings(text, expected):
    assert parse_parameter(text) == expected


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["99"], "no notebook matches '99'"),
        (["--refresh", "--quick"], "drop --quick, --lane and -p"),
        (["--refresh", "--lane", "jax"], "drop --quick, --lane and -p"),
        (["--refresh", "-p", "QUICK=True"], "drop --quick, --lane and -p"),
        (["-p", "EPOCHS"], "write NAME=VALUE"),
        (
            ["01", "-p", "EPOCHS=3"],
            "01_first.ipynb declares no parameter EPOCHS; its parameters are QUICK",
        ),
        (["--jobs", "0"], "--jobs must be at least 1"),
        (["-p", "QUICK=True"], "set quick mode with --quick"),
        (["--lane", "colab", "--colab-python", "/nowhere/python"], "needs Colab's stack"),
    ],
)
def test_usage_errors_exit_with_2_and_say_why(notebooks_dir, tmp_path, capsys, arguments, message):
    assert run_cli(*arguments, output_dir=tmp_path / "out") == 2
    assert message in capsys.readouterr().err


class FakePapermillError(Exception):
    ename, evalue, exec_count = "AssertionError", "the claim failed", 17


class CellTimeoutError(Exception):
    pass


class DeadKernelError(Exception):
    pass


def executed_until(count):
    notebook = nbformat.v4.new_notebook()
    for number in range(1, count + 1):
        cell = nbformat.v4.new_code_cell("x", execution_count=number)
        cell.metadata["papermill"] = {"start_time": "2026-12-01T00:00:00"}
        notebook.cells.append(cell)
    notebook.cells.append(nbformat.v4.new_code_cell("never ran"))
    return notebook


def test_describe_failure_names_the_cell_and_what_stopped_it():
    assert describe_failure(FakePapermillError()) == "cell [17]: AssertionError: the claim failed"
    assert describe_failure(CellTimeoutError(), executed_until(4), timeout=60) == (
        "timed out after 60 s in cell [4]"
    )
    assert describe_failure(DeadKernelError(), executed_until(2)) == "the kernel died in cell [2]"
    unnumbered = executed_until(3)
    unnumbered.cells[2].execution_count = None
    assert describe_failure(DeadKernelError(), unnumbered) == (
        "the kernel died in the cell after [2]"
    )
    assert describe_failure(RuntimeError("no kernel\nmore")) == "RuntimeError: no kernel"


def test_summary_table_lists_each_notebook():
    runs = [
        NotebookRun("01_a.ipynb", "passed", 12.34, {"test_accuracy": 0.98}),
        NotebookRun("02_b.ipynb", "failed", 3.0, error="cell [4]: ValueError: a|b"),
        NotebookRun("03_c.ipynb", "skipped", 0.0, error="TensorFlow only: tf.data"),
    ]
    table = summary_markdown(runs, quick=True, lane=Lane("jax", "jax"), parameters={"EPOCHS": 3})
    assert table.startswith(
        "# Keras Tricks run (quick mode, jax lane: JAX on the pinned stack); parameters EPOCHS=3"
    )
    assert "| 01_a.ipynb | passed | 12.3 | test_accuracy=0.98 |" in table
    assert "| 02_b.ipynb | failed | 3.0 | cell [4]: ValueError: a\\|b |" in table
    assert "| 03_c.ipynb | skipped | 0.0 | TensorFlow only: tf.data |" in table
    assert table.endswith("1 passed, 1 failed, 1 skipped in 15.3 s of notebook time")


def test_a_run_is_quiet_injects_quick_collects_results_and_reports_failures(
    notebooks_dir, tmp_path, capfd
):
    write_notebook(notebooks_dir / "03_records.ipynb", f"{RECORD}\nrecord_results(quick=QUICK)")
    write_notebook(
        notebooks_dir / "04_fails.ipynb", "print('noise')\nx = 1", "assert x == 2, 'claim'"
    )
    output_dir = tmp_path / "out"
    assert run_cli("03", "04", "--quick", "--jobs", "2", output_dir=output_dir) == 1
    report = summary(output_dir)
    passed, failed = report["notebooks"]
    assert report["mode"] == "quick" and report["lane"] == "reference"
    assert {"python", "keras", "tensorflow"} <= set(report["stack"])
    assert passed["status"] == "passed" and passed["results"] == {"quick": True}
    # papermill's injected-parameters cell is cell [2], so the failing assert is [4]
    assert failed["error"] == "cell [4]: AssertionError: claim"
    log = Path(failed["log"])
    assert log == output_dir / "04_fails.log" and "noise" in log.read_text()
    terminal = capfd.readouterr()
    progress = [line for line in terminal.out.splitlines() if line.startswith("[")]
    assert len(progress) == 2
    assert any(
        "04_fails.ipynb" in line and "FAILED" in line and "04_fails.log" in line
        for line in progress
    )
    assert "noise" not in terminal.out + terminal.err, (
        "cell output goes to the log, not the terminal"
    )
    assert "without encryption" not in terminal.out + terminal.err


def test_a_parameter_takes_effect_and_is_recorded(notebooks_dir, tmp_path):
    write_notebook(
        notebooks_dir / "05_knob.ipynb",
        f"{RECORD}\nrecord_results(epochs=EPOCHS)",
        parameters="QUICK = False\nEPOCHS = None",
    )
    output_dir = tmp_path / "out"
    assert run_cli("05", "-p", "EPOCHS=30", output_dir=output_dir) == 0
    report = summary(output_dir)
    assert report["parameters"] == {"EPOCHS": 30}
    assert report["notebooks"][0]["results"] == {"epochs": 30}


def test_a_timeout_and_a_dead_kernel_are_reported_as_such(notebooks_dir, tmp_path):
    write_notebook(notebooks_dir / "06_slow.ipynb", "x = 1", "import time\ntime.sleep(60)")
    write_notebook(notebooks_dir / "07_dies.ipynb", "import os\nos._exit(1)")
    output_dir = tmp_path / "out"
    assert run_cli("06", "07", "--timeout", "3", "--jobs", "2", output_dir=output_dir) == 1
    slow, dies = summary(output_dir)["notebooks"]
    assert slow["error"] == "timed out after 3 s in cell [3]"
    # The kernel may die before it reports the cell's number: then the cell before it is named.
    assert dies["error"] in ("the kernel died in cell [2]", "the kernel died in the cell after [1]")


@pytest.mark.parametrize("deaths, status", [(1, "passed"), (2, "failed")])
def test_a_kernel_that_dies_at_start_is_started_once_more(
    notebooks_dir, tmp_path, monkeypatch, flaky_kernel, deaths, status
):
    deaths_left = flaky_kernel(deaths)
    monkeypatch.setattr(
        runner, "_pinned_kernel", lambda path, lane: runner.Kernel("flaky", path, path.parent)
    )
    notebook = write_notebook(notebooks_dir / "08_flaky.ipynb", f"{RECORD}\nrecord_results(ran=1)")
    record = run_notebook(notebook, tmp_path, quick=True, timeout=60)
    assert deaths_left.read_text() == "0", "the kernel was started twice"
    assert record.status == status
    assert "the first failed to start (Kernel died before replying to kernel_info)" in record.note
    assert "the first failed to start" in Path(record.log).read_text()
    if status == "passed":
        assert record.results == {"ran": 1}
        assert "(kernel started again" in summary_markdown([record], quick=True)
    else:  # a second death is the notebook's failure, reported as before
        assert record.error == "RuntimeError: Kernel died before replying to kernel_info"


def test_refresh_rewrites_the_notebook_normalised(notebooks_dir, tmp_path):
    path = write_notebook(notebooks_dir / "08_refresh.ipynb", "print('hello')")
    assert run_cli("08", "--refresh", output_dir=tmp_path / "out") == 0
    refreshed = nbformat.read(path, as_version=4)
    assert refreshed.cells[2].outputs[0]["text"] == "hello\n"
    assert "papermill" not in refreshed.metadata


def test_full_mode_sets_the_environment_explicitly_and_restores_it(
    notebooks_dir, tmp_path, monkeypatch
):
    monkeypatch.setenv("COOKBOOK_QUICK", "1")
    monkeypatch.setenv("KERAS_BACKEND", "jax")
    path = write_notebook(
        notebooks_dir / "09_env.ipynb",
        f"import os\n{RECORD}",
        "record_results(quick=os.environ['COOKBOOK_QUICK'], backend=os.environ['KERAS_BACKEND'])",
    )
    record = run_notebook(path, tmp_path, quick=False, timeout=60, lane=REFERENCE)
    assert record.status == "passed"
    assert record.results == {"quick": "0", "backend": "tensorflow"}
    assert os.environ["COOKBOOK_QUICK"] == "1" and os.environ["KERAS_BACKEND"] == "jax"


def test_the_jax_lane_sets_keras_backend_and_skips_notebooks_not_written_for_it(
    notebooks_dir, tmp_path
):
    write_notebook(
        notebooks_dir / "11_portable.ipynb",
        f"import os\n{RECORD}",
        "record_results(backend=os.environ['KERAS_BACKEND'])",
    )
    write_notebook(
        notebooks_dir / "12_tf_only.ipynb",
        "raise RuntimeError('must not run under JAX')",
        backends="TensorFlow only: it uses tf.data",
    )
    output_dir = tmp_path / "out"
    assert run_cli("11", "12", "--quick", "--lane", "jax", output_dir=output_dir) == 0
    report = summary(output_dir)
    portable, tf_only = report["notebooks"]
    assert report["lane"] == "jax" and report["backend"] == "jax"
    assert portable["results"] == {"backend": "jax"}
    assert tf_only["status"] == "skipped" and tf_only["error"] == "TensorFlow only: it uses tf.data"


def test_an_undeclared_notebook_is_tensorflow_only_and_a_malformed_one_fails(
    notebooks_dir, tmp_path
):
    path = write_notebook(notebooks_dir / "13_undeclared.ipynb", "x = 1")
    notebook = nbformat.read(path, as_version=4)
    notebook.cells[0].source = "# No declaration"
    nbformat.write(notebook, path)
    record = run_notebook(path, tmp_path, True, 60, Lane("jax", "jax"))
    assert record.status == "skipped"
    assert record.error == "TensorFlow only: its title cell declares no '**Backends:**' line"
    bad = write_notebook(notebooks_dir / "14_bad.ipynb", backends="TensorFlow only")
    record = run_notebook(bad, tmp_path, True, 60, REFERENCE)
    assert record.status == "failed"
    assert (
        record.error == "14_bad.ipynb: a one-backend notebook must say why: '<Backend> only: <why>'"
    )


COLAB_PROBE = f"""
import importlib.util, os, subprocess, sys
from IPython.display import display
remote = subprocess.run(
    ["git", "ls-remote", "{GITHUB_URL}", "HEAD"], capture_output=True, text=True
)
results = dict(
    colab="google.colab" in sys.modules and "google.colab.output" in sys.modules,
    protobuf_kept=importlib.util.find_spec("google.protobuf") is not None,
    alone=os.listdir() == ["15_colab.ipynb"],
    repository_importable=importlib.util.find_spec("helpers") is not None,
    backend=os.environ.get("KERAS_BACKEND", "unset"),
    github_served_locally=remote.returncode == 0 and remote.stdout.endswith("HEAD\\n"),
)
display({{"{RESULTS_MIME}": results, "text/plain": str(results)}}, raw=True)
"""


@pytest.fixture
def stand_in_colab_stack(tmp_path):
    """A venv that sees this one's packages but not its editable install of the cookbook."""
    folder = tmp_path / "colab-stack"
    subprocess.run([sys._base_executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    python = folder / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    # A plain path line: the .pth files over there (the editable install's) are not processed.
    (Path(site) / "stack.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


def test_the_colab_lane_runs_a_notebook_alone_as_colab_would(
    notebooks_dir, tmp_path, monkeypatch, stand_in_colab_stack
):
    monkeypatch.setenv("KERAS_BACKEND", "jax")
    write_notebook(notebooks_dir / "15_colab.ipynb", COLAB_PROBE)
    output_dir = tmp_path / "out"
    arguments = ["15", "--quick", "--lane", "colab", "--colab-python", str(stand_in_colab_stack)]
    status = run_cli(*arguments, output_dir=output_dir)
    record = summary(output_dir)["notebooks"][0]
    assert status == 0, record["error"]
    assert record["results"] == {
        "colab": True,
        "protobuf_kept": True,
        "alone": True,
        "repository_importable": False,
        "backend": "unset",
        "github_served_locally": True,
    }


def test_a_colab_stack_that_already_holds_the_helpers_is_refused(notebooks_dir, tmp_path):
    write_notebook(notebooks_dir / "16_colab.ipynb", "x = 1")
    output_dir = tmp_path / "out"
    arguments = ["16", "--lane", "colab", "--colab-python", sys.executable]
    assert run_cli(*arguments, output_dir=output_dir) == 1
    error = summary(output_dir)["notebooks"][0]["error"]
    assert error.startswith("the lane's kernel could not be set up: the Colab stack at")
    assert "can already import helpers" in error


def test_whole_lane_runs_and_others_get_their_own_summary_folders():
    assert summary_folder(REFERENCE, quick=True, whole_lane=True) == "reference-quick"
    assert summary_folder(Lane("jax", "jax"), quick=False, whole_lane=False) == "jax-full-custom"


def test_a_worker_that_dies_is_reported_not_hung(notebooks_dir, tmp_path, monkeypatch):
    def explode(*args, **kwargs):
        raise BrokenProcessPool("a worker process died")

    monkeypatch.setattr(runner, "ProcessPoolExecutor", _InlineExecutor)
    monkeypatch.setattr(runner, "run_notebook", explode)
    records = runner.run_notebooks(
        [notebooks_dir / "01_first.ipynb"], tmp_path, True, 60, REFERENCE
    )
    assert records[0].status == "failed" and records[0].error.startswith("worker failed")


class _InlineExecutor:
    """A stand-in for ProcessPoolExecutor that runs each task at once, in this process."""

    def __init__(self, *args, **kwargs):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def submit(self, function, *args):
        from concurrent.futures import Future

        future = Future()
        try:
            future.set_result(function(*args))
        except Exception as error:
            future.set_exception(error)
        return future
