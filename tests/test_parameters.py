"""Quick mode is parsed one way, and knobs resolve to your value or the mode's default."""

import pytest
from IPython.core.interactiveshell import InteractiveShell

from helpers.parameters import knobs, quick_mode


@pytest.mark.parametrize(
    ("value", "expected"),
    [(True, True), (False, False), (1, True), (0, False), ("yes", True), ("False", False)],
)
def test_quick_mode_takes_what_papermill_injects(value, expected):
    assert quick_mode(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, False), ("", False), ("0", False), ("no", False), ("1", True), ("TRUE", True)],
)
def test_without_a_value_quick_mode_reads_the_environment(monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv("COOKBOOK_QUICK", raising=False)
    else:
        monkeypatch.setenv("COOKBOOK_QUICK", value)
    assert quick_mode(None) is expected


def test_an_unclear_environment_value_is_an_error_not_full_mode(monkeypatch):
    monkeypatch.setenv("COOKBOOK_QUICK", "maybe")
    with pytest.raises(ValueError, match="COOKBOOK_QUICK='maybe' is not understood"):
        quick_mode()


@pytest.mark.parametrize("bad", [2, "y", 1.0, "quick"])
def test_an_unclear_parameter_is_an_error(bad):
    with pytest.raises(ValueError, match=r"QUICK=.* is not understood"):
        quick_mode(bad)


def test_knobs_take_the_mode_default_unless_set(capsys):
    assert knobs(True, EPOCHS=(None, 2, 5), TRAIN_SAMPLES=(None, 100, None)) == (2, 100)
    assert capsys.readouterr().out == "quick mode · EPOCHS=2 · TRAIN_SAMPLES=100\n"
    assert knobs(False, EPOCHS=(None, 2, 5), TRAIN_SAMPLES=(None, 100, None)) == (5, None)
    assert knobs(False, EPOCHS=(30, 2, 5)) == (30,)
    assert capsys.readouterr().out.splitlines()[-1] == "full mode · EPOCHS=30 (set; default 5)"


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: knobs("1", EPOCHS=(None, 2, 5)), TypeError, "quick_mode"),
        (lambda: knobs(True, EPOCHS=(None, 2)), TypeError, "EPOCHS=.*quick-mode default"),
        (lambda: knobs(True), ValueError, "at least one knob"),
    ],
)
def test_bad_knob_calls_say_how_to_fix_them(call, error, message):
    with pytest.raises(error, match=message):
        call()


@pytest.fixture
def shell():
    shell = InteractiveShell.instance()
    yield shell
    shell.set_custom_exc((), None)
    InteractiveShell.clear_instance()


def test_a_failing_claim_names_the_knobs_that_differ_from_the_defaults(shell, capsys):
    shell.run_cell("import helpers\nEPOCHS, = helpers.knobs(True, EPOCHS=(30, 2, 5))")
    result = shell.run_cell("assert EPOCHS < 10, 'the model converges within 10 epochs'")
    assert isinstance(result.error_in_exec, AssertionError)
    message = str(result.error_in_exec)
    assert message.startswith("the model converges within 10 epochs [this run changed EPOCHS=30")
    assert "calibrated for the defaults" in message


def test_with_default_knobs_a_failing_claim_is_left_alone(shell, capsys):
    shell.run_cell("import helpers\nEPOCHS, = helpers.knobs(True, EPOCHS=(None, 2, 5))")
    result = shell.run_cell("assert EPOCHS > 3, 'the claim'")
    assert str(result.error_in_exec) == "the claim"


def test_rerunning_with_the_default_knobs_drops_the_note(shell, capsys):
    shell.run_cell("import helpers\nEPOCHS, = helpers.knobs(True, EPOCHS=(30, 2, 5))")
    shell.run_cell("EPOCHS, = helpers.knobs(True, EPOCHS=(None, 2, 5))")
    result = shell.run_cell("assert EPOCHS > 3, 'the claim'")
    assert str(result.error_in_exec) == "the claim"
