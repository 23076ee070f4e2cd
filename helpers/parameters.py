"""Quick mode and the knobs of a notebook's parameters cell.

Every notebook's parameters cell sets ``QUICK`` and its knobs (epochs, training-set size,
batch size, ...) to ``None``, meaning "chosen by QUICK". The next cell resolves them::

    QUICK = helpers.quick_mode(QUICK)
    EPOCHS, TRAIN_SAMPLES = helpers.knobs(
        QUICK, EPOCHS=(EPOCHS, 2, 5), TRAIN_SAMPLES=(TRAIN_SAMPLES, 12_000, None)
    )

so that ``papermill ... -p EPOCHS 30`` (or ``python -m helpers.run 01 -p EPOCHS=30``) wins
over both defaults.
"""

from __future__ import annotations

import os
from typing import Any

QUICK_ENV_VAR = "COOKBOOK_QUICK"
_QUICK_WORDS = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}


def quick_mode(quick: bool | int | str | None = None) -> bool:
    """Whether this run is in quick mode (less data, fewer epochs, the same code path).

    ``quick`` is the notebook's ``QUICK`` parameter: papermill's ``-p QUICK True`` gives a
    bool, ``-p QUICK 1`` an int, ``-p QUICK yes`` a string. ``None`` reads the
    ``COOKBOOK_QUICK`` environment variable instead, for tools that cannot inject
    parameters (nbval, a plain Jupyter session); unset or empty means full mode.

    Raises:
        ValueError: a value that is neither of ``1/true/yes`` nor ``0/false/no`` (any case),
            so that a typo never silently runs the long full mode.
    """
    source = "QUICK"
    if quick is None:
        source, quick = QUICK_ENV_VAR, os.environ.get(QUICK_ENV_VAR, "0") or "0"
    if isinstance(quick, bool):
        return quick
    word = str(quick).strip().lower()
    if isinstance(quick, (int, str)) and word in _QUICK_WORDS:
        return _QUICK_WORDS[word]
    raise ValueError(
        f"{source}={quick!r} is not understood: use 1, true or yes for quick mode, "
        "and 0, false or no (or leave it unset) for full mode"
    )


def knobs(quick: bool, **choices: tuple[Any, Any, Any]) -> tuple[Any, ...]:
    """Resolve each knob to the value you set, else to its quick- or full-mode default.

    Each keyword is a knob's name and ``(your value, quick-mode default, full-mode default)``;
    ``None`` as your value means "chosen by QUICK". Returns the resolved values in the
    order given and prints them on one line, marking those you set.

    The checked claims of a notebook are calibrated for its defaults. When you set a knob,
    a failing claim says so: its message names the knobs that differ from the defaults.

    Raises:
        TypeError: ``quick`` is not a bool (pass it through ``quick_mode`` first), or a
            choice is not a 3-tuple.
        ValueError: no knobs were given.
    """
    if not isinstance(quick, bool):
        raise TypeError(f"quick must be a bool, got {quick!r}: resolve it with quick_mode() first")
    if not choices:
        raise ValueError("name at least one knob, e.g. knobs(QUICK, EPOCHS=(EPOCHS, 2, 5))")
    resolved, described, changed = [], [], []
    for name, choice in choices.items():
        if not isinstance(choice, tuple) or len(choice) != 3:
            raise TypeError(
                f"{name}={choice!r}: give (your value, quick-mode default, full-mode default)"
            )
        given, quick_default, full_default = choice
        default = quick_default if quick else full_default
        if given is None:
            resolved.append(default)
            described.append(f"{name}={default!r}")
        else:
            resolved.append(given)
            described.append(f"{name}={given!r} (set; default {default!r})")
            if given != default:
                changed.append(f"{name}={given!r}")
    print(f"{'quick' if quick else 'full'} mode · " + " · ".join(described))
    _name_changed_knobs_in_failed_claims(changed)
    return tuple(resolved)


# What the failing-claim note says in this kernel: set by the latest knobs() call, empty when
# that call kept every default, so rerunning with the defaults clears it.
_changed_knobs: list[str] = []


def _name_changed_knobs_in_failed_claims(changed: list[str]) -> None:
    """Make a failing ``assert`` in this IPython kernel name the knobs the run changed."""
    _changed_knobs[:] = changed
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None and changed:  # once installed, the handler reads _changed_knobs
        shell.set_custom_exc((AssertionError,), _add_knobs_note)


def _add_knobs_note(shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: Any = None):
    """IPython's handler for a failing claim: append the changed knobs, then show it as usual."""
    if _changed_knobs:
        note = (
            f" [this run changed {', '.join(_changed_knobs)} from the notebook's defaults; "
            "the checked claims are calibrated for the defaults]"
        )
        message = str(value.args[0]) if value.args else ""
        if not message.endswith(note):
            value.args = (message + note, *value.args[1:])
    shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
