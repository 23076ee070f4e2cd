"""The runner: selection, failure reports, summaries, and real papermill runs of tiny notebooks."""

import json

import nbformat
import pytest

import helpers.run as run
from helpers.run import (
    NotebookRun,
    describe_failure,
    main,
    run_notebook,
    select_notebooks,
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


@pytest.fixture
def notebooks_dir(tmp_path, monkeypatch):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name in ["01_first.ipynb", "02_second.ipynb", "10_tenth.ipynb", "notes.ipynb"]:
        write_notebook(folder / name)
    monkeypatch.setattr(run, "NOTEBOOKS_DIR", folder)
    return folder


def test_selection_by_number_name_or_file(notebooks_dir):
    assert [p.name for p in select_notebooks([])] == [
        "01_first.ipynb",
        "02_second.ipynb",
        "10_tenth.ipynb",
    ]
    assert [
        p.name for p in select_notebooks(["1", "10_tenth", "notebooks/02_second.ipynb", "01"])
    ] == [
        "01_first.ipynb",
        "10_tenth.ipynb",
        "02_second.ipynb",
    ]


def test_an_unknown_selection_lists_what_exists(notebooks_dir):
    with pytest.raises(
        ValueError, match="no notebook matches '7'; available: 01_first, 02_second, 10_tenth"
    ):
        select_notebooks(["7"])


def test_usage_errors_exit_with_2(notebooks_dir, tmp_path, capsys):
    assert main(["99", "--output-dir", str(tmp_path / "out")]) == 2
    assert "no notebook matches '99'" in capsys.readouterr().err
    assert main(["--refresh", "--quick"]) == 2
    assert "drop --quick" in capsys.readouterr().err
    assert main(["--refresh", "--backend", "jax"]) == 2
    assert "TensorFlow runs" in capsys.readouterr().err


def test_describe_failure_names_the_cell():
    class FakePapermillError(Exception):
        ename, evalue, exec_count = "AssertionError", "the claim failed", 17

    assert describe_failure(FakePapermillError()) == "cell [17]: AssertionError: the claim failed"
    assert (
        describe_failure(RuntimeError("kernel died"))
        == "before any cell ran: RuntimeError: kernel died"
    )


def test_summary_table_lists_each_notebook():
    runs = [
        NotebookRun("01_a.ipynb", "passed", 12.34, {"test_accuracy": 0.98}),
        NotebookRun("02_b.ipynb", "failed", 3.0, error="cell [4]: ValueError: a|b"),
    ]
    table = summary_markdown(runs, quick=True)
    assert "| 01_a.ipynb | passed | 12.3 | test_accuracy=0.98 |" in table
    assert "| 02_b.ipynb | failed | 3.0 | cell [4]: ValueError: a\\|b |" in table
    assert table.endswith("1 passed, 1 failed in 15.3 s")
    assert table.startswith("# Keras Tricks run (quick mode, TensorFlow backend)")
    skipped = NotebookRun("03_c.ipynb", "skipped", 0.0, error="TensorFlow only: tf.data")
    table = summary_markdown([*runs, skipped], quick=False, backend="jax")
    assert "| 03_c.ipynb | skipped | 0.0 | TensorFlow only: tf.data |" in table
    assert table.endswith("1 passed, 1 failed, 1 skipped in 15.3 s")


def test_a_real_run_injects_quick_collects_results_and_reports_failures(
    notebooks_dir, tmp_path, monkeypatch
):
    write_notebook(
        notebooks_dir / "03_records.ipynb",
        "from helpers.results import record_results\nrecord_results(quick=QUICK, answer=42)",
    )
    write_notebook(notebooks_dir / "04_fails.ipynb", "x = 1", "assert x == 2, 'the claim'")
    output_dir = tmp_path / "out"
    status = main(["03", "04", "--quick", "--no-progress", "--output-dir", str(output_dir)])
    assert status == 1
    report = json.loads((output_dir / "summary.json").read_text())
    passed, failed = report["notebooks"]
    assert report["mode"] == "quick"
    assert passed["status"] == "passed" and passed["results"] == {"quick": True, "answer": 42}
    assert failed["status"] == "failed"
    # papermill's injected-parameters cell is cell [2], so the failing assert is [4]
    assert failed["error"] == "cell [4]: AssertionError: the claim"
    assert (output_dir / "03_records.ipynb").exists()
    assert "| 04_fails.ipynb | failed |" in (output_dir / "summary.md").read_text()


def test_refresh_rewrites_the_notebook_normalised(notebooks_dir, tmp_path, monkeypatch):
    # --refresh writes TensorFlow outputs only; the JAX test lane exports KERAS_BACKEND=jax.
    monkeypatch.setenv("KERAS_BACKEND", "tensorflow")
    path = write_notebook(notebooks_dir / "05_refresh.ipynb", "print('hello')")
    status = main(["05", "--refresh", "--no-progress", "--output-dir", str(tmp_path / "out")])
    assert status == 0
    refreshed = nbformat.read(path, as_version=4)
    assert refreshed.cells[2].outputs[0]["text"] == "hello\n"
    assert "papermill" not in refreshed.metadata


def test_run_notebook_full_mode_sets_the_environment_explicitly(
    notebooks_dir, tmp_path, monkeypatch
):
    monkeypatch.setenv("COOKBOOK_QUICK", "1")
    path = write_notebook(
        notebooks_dir / "06_env.ipynb",
        "import os\nfrom helpers.results import record_results",
        "record_results(env=os.environ['COOKBOOK_QUICK'])",
    )
    record, executed = run_notebook(path, tmp_path, quick=False, timeout=60, progress=False)
    assert record.status == "passed" and record.results == {"env": "0"}
    assert executed is not None


def test_the_quick_environment_is_restored_after_a_run(notebooks_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("COOKBOOK_QUICK", "1")
    run_notebook(
        notebooks_dir / "01_first.ipynb", tmp_path, quick=False, timeout=60, progress=False
    )
    import os

    assert os.environ["COOKBOOK_QUICK"] == "1"


def test_a_backend_run_sets_keras_backend_and_skips_notebooks_not_written_for_it(
    notebooks_dir, tmp_path, monkeypatch
):
    monkeypatch.setenv("KERAS_BACKEND", "tensorflow")
    write_notebook(
        notebooks_dir / "07_portable.ipynb",
        "import os\nfrom helpers.results import record_results",
        "record_results(backend=os.environ['KERAS_BACKEND'])",
    )
    write_notebook(
        notebooks_dir / "08_tf_only.ipynb",
        "raise RuntimeError('must not run under JAX')",
        backends="TensorFlow only: it uses tf.data",
    )
    output_dir = tmp_path / "out"
    status = main(
        [
            "07",
            "08",
            "--quick",
            "--backend",
            "jax",
            "--no-progress",
            "--output-dir",
            str(output_dir),
        ]
    )
    assert status == 0
    report = json.loads((output_dir / "summary.json").read_text())
    portable, tf_only = report["notebooks"]
    assert report["backend"] == "jax"
    assert portable["status"] == "passed" and portable["results"] == {"backend": "jax"}
    assert tf_only["status"] == "skipped"
    assert tf_only["error"] == "TensorFlow only: it uses tf.data"
    import os

    assert os.environ["KERAS_BACKEND"] == "tensorflow", "the caller's environment is restored"


def test_a_notebook_without_a_backends_line_runs_as_tensorflow_only(notebooks_dir, tmp_path):
    path = notebooks_dir / "09_undeclared.ipynb"
    write_notebook(path, "x = 1")
    notebook = nbformat.read(path, as_version=4)
    notebook.cells[0].source = "# No declaration"
    nbformat.write(notebook, path)
    record, _ = run_notebook(path, tmp_path, True, 60, progress=False, backend="tensorflow")
    assert record.status == "passed"
    record, executed = run_notebook(path, tmp_path, True, 60, progress=False, backend="jax")
    assert record.status == "skipped" and executed is None
    assert record.error == "TensorFlow only: its title cell declares no '**Backends:**' line"


def test_a_malformed_backends_line_fails_the_run_with_the_fix(notebooks_dir, tmp_path):
    path = write_notebook(notebooks_dir / "10_bad.ipynb", backends="TensorFlow only")
    record, executed = run_notebook(path, tmp_path, True, 60, progress=False)
    assert record.status == "failed" and executed is None
    assert (
        record.error == "10_bad.ipynb: a one-backend notebook must say why: '<Backend> only: <why>'"
    )
