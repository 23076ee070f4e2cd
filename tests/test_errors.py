import pytest

from helpers.errors import short_error


def test_the_type_and_first_line_are_kept():
    error = ValueError("Bad value.\nHere is the whole config:\n{...}")
    assert short_error(error) == "ValueError: Bad value."


def test_first_sentence_cuts_long_keras_messages():
    error = TypeError(
        "Could not deserialize 'focal'. Make sure the class is registered. Config: {}"
    )
    assert short_error(error, first_sentence=True) == "TypeError: Could not deserialize 'focal'."


def test_first_sentence_joins_wrapped_lines():
    error = NotImplementedError("Layer SimpleDense\nwas created with a function. Write get_config.")
    expected = "NotImplementedError: Layer SimpleDense was created with a function."
    assert short_error(error, first_sentence=True) == expected


def test_tensor_descriptions_and_memory_addresses_are_shortened():
    error = ValueError(
        "Unrecognized keyword arguments: {'input': <KerasTensor shape=(None, 2), dtype=float32, "
        "sparse=False, name=keras_tensor>} for <ast.Call object at 0x7f3a2b1c4d90>"
    )
    assert short_error(error) == (
        "ValueError: Unrecognized keyword arguments: {'input': <KerasTensor …>} "
        "for <ast.Call object>"
    )


def test_an_empty_message_gives_the_type_alone():
    assert short_error(KeyError()) == "KeyError"


def test_only_exceptions_are_accepted():
    with pytest.raises(TypeError, match="expected an exception, got str"):
        short_error("ValueError: boom")
