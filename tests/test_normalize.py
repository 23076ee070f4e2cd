import nbformat
import pytest

from helpers.run.normalize import (
    MACHINE_PATH_PATTERN,
    drop_native_logs,
    normalize_notebook,
    scrub_text,
)
from helpers.run.project import REPO_ROOT


def executed_notebook(stream_text):
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["papermill"] = {"duration": 12.3}
    notebook.metadata["language_info"] = {"name": "python", "version": "3.11.7"}
    cell = nbformat.v4.new_code_cell("print(1)", execution_count=1)
    cell.metadata["papermill"] = {"start_time": "2026-11-28T00:00:00"}
    cell.metadata["execution"] = {"iopub.status.busy": "2026-11-28T00:00:00"}
    cell.metadata["tags"] = ["parameters"]
    cell.outputs = [nbformat.v4.new_output("stream", name="stderr", text=stream_text)]
    notebook.cells = [cell]
    return notebook


def test_volatile_metadata_is_removed_and_tags_kept():
    notebook = normalize_notebook(executed_notebook("hello\n"))
    assert "papermill" not in notebook.metadata
    assert notebook.metadata["language_info"] == {"name": "python"}
    cell = notebook.cells[0]
    assert cell.metadata == {"tags": ["parameters"]}


def test_empty_tags_go_and_consecutive_stream_writes_are_merged():
    notebook = executed_notebook("epoch 1\n")
    cell = notebook.cells[0]
    cell.metadata["tags"] = []
    cell.outputs += [
        nbformat.v4.new_output("stream", name="stderr", text="epoch 2\n"),
        nbformat.v4.new_output("stream", name="stdout", text="done\n"),
        nbformat.v4.new_output("stream", name="stdout", text=""),
    ]
    normalize_notebook(notebook)
    assert "tags" not in cell.metadata
    assert [(o.name, o.text) for o in cell.outputs] == [
        ("stderr", "epoch 1\nepoch 2\n"),
        ("stdout", "done\n"),
    ]
    nbformat.validate(notebook)


def test_machine_paths_are_replaced():
    text = (
        f"{REPO_ROOT}/.venv/lib/python3.11/site-packages/keras/src/x.py:3: UserWarning\n"
        f"saved to {REPO_ROOT}/notebooks/model.keras\n"
    )
    scrubbed = scrub_text(text)
    assert (
        scrubbed
        == "<site-packages>/keras/src/x.py:3: UserWarning\nsaved to <repo>/notebooks/model.keras\n"
    )
    assert not MACHINE_PATH_PATTERN.search(scrubbed)


@pytest.mark.parametrize(
    "path", ["/home/ann/x", "/root/.keras", "/tmp/tmpab/x.csv", "/content/drive", r"C:\\Users\\ann"]
)
def test_the_machine_path_pattern_finds_home_and_temp_paths(path):
    assert MACHINE_PATH_PATTERN.search(f"saved to {path}")


def test_the_machine_path_pattern_ignores_urls_and_system_paths():
    assert not MACHINE_PATH_PATTERN.search("see https://keras.io/home/api and /usr/lib/python3")


def test_native_tensorflow_logs_are_dropped_and_empty_streams_removed():
    logs = (
        "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n"
        "I0000 00:00:1795824583.955001    3843 port.cc:153] oneDNN custom operations are on.\n"
        "E0000 00:00:1795824587.040500    3843 cuda_platform.cc:52] failed call to cuInit\n"
    )
    assert drop_native_logs(logs + "real warning\n") == "real warning\n"
    notebook = normalize_notebook(executed_notebook(logs))
    assert notebook.cells[0].outputs == []


def test_an_error_output_is_refused():
    notebook = executed_notebook("x")
    notebook.cells[0].outputs.append(
        nbformat.v4.new_output("error", ename="ValueError", evalue="boom", traceback=[])
    )
    with pytest.raises(ValueError, match="cell 0 holds an error output: ValueError"):
        normalize_notebook(notebook)
