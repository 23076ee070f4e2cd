import math

import nbformat
import numpy as np
import pytest

from helpers.results import RESULTS_MIME, record_results
from helpers.run.runner import results_from_notebook


def test_record_results_prints_outside_ipython(capsys):
    record_results(
        test_accuracy=np.float32(0.975), epochs=np.int64(5), note="ok", error=7.4567891e-9
    )
    assert capsys.readouterr().out.splitlines() == [
        "test_accuracy: 0.975",
        "epochs: 5",
        "note: ok",
        "error: 7.45679e-09",
    ]


@pytest.mark.parametrize("bad", [math.nan, math.inf, np.float64("nan")])
def test_non_finite_results_are_refused(bad):
    with pytest.raises(ValueError, match="finite"):
        record_results(loss=bad)


def test_unsupported_types_and_empty_calls_are_refused():
    with pytest.raises(TypeError, match="numbers or strings"):
        record_results(history=[0.1, 0.2])
    with pytest.raises(ValueError, match="at least one result"):
        record_results()


def test_results_are_collected_from_an_executed_notebook():
    notebook = nbformat.v4.new_notebook()
    first = nbformat.v4.new_code_cell("record_results(a=1)")
    first.outputs = [nbformat.v4.new_output("display_data", data={RESULTS_MIME: {"a": 1, "b": 2}})]
    second = nbformat.v4.new_code_cell("record_results(b=3)")
    second.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="hello"),
        nbformat.v4.new_output("display_data", data={RESULTS_MIME: {"b": 3}}),
    ]
    notebook.cells = [nbformat.v4.new_markdown_cell("# x"), first, second]
    assert results_from_notebook(notebook) == {"a": 1, "b": 3}
