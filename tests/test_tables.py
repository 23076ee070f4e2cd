import pytest

from helpers import table


def test_table_renders_html_with_formats_and_escapes_text():
    rows = [
        {"optimizer": "SGD <momentum>", "accuracy": 0.91234, "epochs": 3},
        {"optimizer": "Adam", "accuracy": 0.95, "epochs": 12},
    ]
    rendered = table(rows, formats={"accuracy": ".1%"})._repr_html_()
    assert "<th>optimizer</th><th>accuracy</th><th>epochs</th>" in rendered
    assert "<td>SGD &lt;momentum&gt;</td><td>91.2%</td><td>3</td>" in rendered
    assert "<td>95.0%</td><td>12</td>" in rendered


def test_table_default_formats_and_column_order():
    shown = table([{"a": 1, "b": 0.123456, "c": "x"}], columns=["c", "b"])
    assert shown.columns == ["c", "b"]
    assert shown.cells == [["x", "0.1235"]]
    assert repr(shown).splitlines() == ["c  b", "x  0.1235"]


def test_table_bad_input_says_what_is_wrong():
    with pytest.raises(ValueError, match="at least one row"):
        table([])
    with pytest.raises(KeyError, match=r"row 1 has no \['b'\]"):
        table([{"a": 1, "b": 2}, {"a": 3}])
    with pytest.raises(ValueError, match=r"not in the table: \['z'\]"):
        table([{"a": 1}], formats={"z": ".1f"})
