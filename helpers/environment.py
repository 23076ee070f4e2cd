"""Seeding, the one-line environment report every notebook prints, and version numbers."""

from __future__ import annotations

import platform
import re

# MAJOR.MINOR[.PATCH], then anything (a pre-release, dev or local suffix) that is ignored.
_VERSION = re.compile(r"(\d+)\.(\d+)(?:\.(\d+))?(?!\d)")


def version_tuple(version: str) -> tuple[int, int, int]:
    """Turn a version string such as ``keras.__version__`` into ``(major, minor, patch)``.

    A pre-release, dev or local suffix is dropped ("3.16.0rc0" and "0.8.1.dev20260101" read
    as (3, 16, 0) and (0, 8, 1)), so a feature check like ``>= (3, 16, 0)`` holds on the
    release candidate that already carries the feature. A missing patch number reads as 0.
    """
    match = _VERSION.match(version) if isinstance(version, str) else None
    if match is None:
        raise ValueError(
            f"cannot read a version number from {version!r}: expected a string that starts "
            "with MAJOR.MINOR or MAJOR.MINOR.PATCH, such as '3.13.0' or '3.16.0rc0'"
        )
    major, minor, patch = match.groups()
    return int(major), int(minor), int(patch or 0)


def seed_everything(seed: int) -> None:
    """Seed Python, NumPy and the Keras backend in one call.

    ``keras.utils.set_random_seed`` covers all three; this wrapper exists so that
    every notebook seeds the same way and bad seeds fail early with a clear message.
    """
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    import keras

    keras.utils.set_random_seed(seed)


def _device_description(backend: str) -> str:
    """Name the accelerators the active backend can see, or say there are none."""
    if backend == "tensorflow":
        import tensorflow as tf

        gpus = tf.config.list_physical_devices("GPU")
        return f"{len(gpus)} GPU" if gpus else "CPU only (no GPU found)"
    if backend == "jax":
        import jax

        kinds = sorted({device.platform.upper() for device in jax.devices()})
        return "/".join(kinds)
    if backend == "torch":
        import torch

        return "CUDA GPU" if torch.cuda.is_available() else "CPU only (no GPU found)"
    return "unknown device"


def environment_report() -> str:
    """Return one line naming Python, Keras, the backend, its version and the device."""
    import keras

    backend = keras.backend.backend()
    parts = [f"Python {platform.python_version()}", f"Keras {keras.__version__}"]
    if backend == "tensorflow":
        import tensorflow as tf

        parts.append(f"backend tensorflow {tf.__version__}")
    else:
        module = __import__(backend)
        parts.append(f"backend {backend} {getattr(module, '__version__', '?')}")
    parts.append(_device_description(backend))
    return " · ".join(parts)
