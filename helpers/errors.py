"""Showing an error message in a notebook: short, one line, and the same on every run."""

from __future__ import annotations

import re

_KERAS_TENSOR = re.compile(r"<KerasTensor[^>]*>")
_MEMORY_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def short_error(error: BaseException, first_sentence: bool = False) -> str:
    """``"TypeName: message"`` cut to its first line, or to its first sentence.

    With ``first_sentence=True`` the message's lines are joined first, since Keras
    wraps long messages. Keras messages often append whole configs and tensor
    descriptions; those are
    shortened to ``<KerasTensor …>``, and memory addresses (which change on every
    run) are dropped, so a cell that prints the error can be checked by nbval.
    """
    if not isinstance(error, BaseException):
        raise TypeError(f"expected an exception, got {type(error).__name__}")
    if first_sentence:
        message = " ".join(str(error).split())
        if ". " in message:
            message = message.split(". ")[0] + "."
    else:
        lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()]
        message = lines[0] if lines else ""
    message = _MEMORY_ADDRESS.sub("", _KERAS_TENSOR.sub("<KerasTensor …>", message))
    return f"{type(error).__name__}: {message}" if message else type(error).__name__
