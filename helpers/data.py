"""MNIST, IMDB and Reuters, loaded exactly as ``keras.datasets`` loads them.

Why not call ``keras.datasets.<name>.load_data()`` directly? Keras 3 no longer
accepts a file path, and its ``get_file`` deletes any cached file whose hash
differs from the official one -- which rules out offline copies such as the ones
CI uses. So the cookbook finds the file itself and then applies Keras's own
``load_data`` recipe (seed-113 shuffle, ``start_char``, ``index_from``,
``num_words``, ``skip_top``, ``maxlen``, ``test_split``) step by step.
``tests/test_data.py`` proves the results are identical to Keras's.

Files are looked up, in order, in:

1. the directory named by ``COOKBOOK_DATA``;
2. the repository's ``data/`` folder (git-ignored);
3. Keras's download cache, downloading the official file the normal Keras way
   (checked against the official hash) when it is not there yet.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

DATA_ENV_VAR = "COOKBOOK_DATA"
# The repository's data/ folder (git-ignored), for offline copies beside a clone.
LOCAL_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
OFFICIAL_ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"

# The sha256 hashes Keras 3.15 itself checks for these files.
OFFICIAL_HASHES: dict[str, tuple[str, str]] = {
    "mnist.npz": ("sha256", "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"),
    "imdb.npz": ("sha256", "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f"),
    "reuters.npz": ("sha256", "d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916"),
}

_EXPECTED_KEYS = {
    "mnist.npz": {"x_train", "y_train", "x_test", "y_test"},
    "imdb.npz": {"x_train", "y_train", "x_test", "y_test"},
    "reuters.npz": {"x", "y"},
}


class DatasetNotFoundError(FileNotFoundError):
    """A dataset file is in none of the places the cookbook searches."""


class DatasetCorruptError(ValueError):
    """A dataset file exists but cannot be read as the dataset it claims to be."""


# --------------------------------------------------------------------------- finding files


def keras_cache_dir() -> Path:
    """Keras's download cache for datasets: ``$KERAS_HOME/datasets`` or ``~/.keras/datasets``."""
    keras_home = os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")
    return Path(keras_home) / "datasets"


def _file_hash(path: Path, algorithm: str) -> str:
    digest = hashlib.new(algorithm)
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _how_to_fix(filename: str) -> str:
    return (
        f"To fix it, either set {DATA_ENV_VAR} to a folder that holds {filename}, "
        f"copy {filename} into {LOCAL_DATA_DIR}, or connect to the internet so Keras "
        "can download the official file."
    )


def find_data_file(filename: str, download: bool = True) -> Path:
    """Return the path of a dataset file, downloading the official copy if needed.

    Args:
        filename: one of the keys of ``OFFICIAL_HASHES`` (e.g. ``"mnist.npz"``).
        download: when False, only local folders are searched.

    Raises:
        ValueError: the file name is not one of the cookbook's datasets.
        DatasetNotFoundError: no local copy and the download failed (or was disabled).
        DatasetCorruptError: a cached copy in Keras's folder does not match the
            official hash. Keras would delete it; the cookbook leaves it alone.
    """
    if filename not in OFFICIAL_HASHES:
        known = ", ".join(sorted(OFFICIAL_HASHES))
        raise ValueError(f"unknown dataset file {filename!r}; the cookbook knows: {known}")

    searched: list[str] = []
    env_dir = os.environ.get(DATA_ENV_VAR)
    if env_dir:
        candidate = Path(env_dir).expanduser() / filename
        if candidate.is_file():
            return candidate
        searched.append(f"{candidate} (from {DATA_ENV_VAR})")
    else:
        searched.append(f"${DATA_ENV_VAR} (not set)")

    candidate = LOCAL_DATA_DIR / filename
    if candidate.is_file():
        return candidate
    searched.append(str(candidate))

    cached = keras_cache_dir() / filename
    algorithm, expected = OFFICIAL_HASHES[filename]
    if cached.is_file() and _file_hash(cached, algorithm) != expected:
        raise DatasetCorruptError(
            f"{cached} does not match the official {algorithm} hash of {filename}. Keras would "
            "delete it and download the file again, so the cookbook stops here instead. If it "
            f"is an offline copy, move it to {LOCAL_DATA_DIR} or point {DATA_ENV_VAR} at its "
            "folder; if it is a broken download, delete it and run again."
        )
    searched.append(f"{cached} (Keras download cache)")
    if not download:
        raise DatasetNotFoundError(
            f"{filename} was not found. Searched: {'; '.join(searched)}. {_how_to_fix(filename)}"
        )

    import keras

    try:
        path = keras.utils.get_file(
            fname=filename,
            origin=OFFICIAL_ORIGIN + filename,
            file_hash=expected,
            hash_algorithm=algorithm,
            cache_dir=str(keras_cache_dir().parent),
        )
    except Exception as error:
        raise DatasetNotFoundError(
            f"{filename} was not found and could not be downloaded from {OFFICIAL_ORIGIN} "
            f"({type(error).__name__}: {error}). Searched: {'; '.join(searched)}. "
            f"{_how_to_fix(filename)}"
        ) from error
    return Path(path)


# --------------------------------------------------------------------------- reading files

# Rebuilding the ragged object arrays of imdb.npz and reuters.npz needs exactly these
# globals; anything else in the pickle stream is refused (no code execution from a file).
_ALLOWED_PICKLE_GLOBALS = frozenset(
    {
        ("numpy", "ndarray"),
        ("numpy", "dtype"),
        ("numpy.core.multiarray", "_reconstruct"),
        ("numpy._core.multiarray", "_reconstruct"),
    }
)


class _NumpyOnlyUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED_PICKLE_GLOBALS:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} from a dataset file")


def _read_npy(buffer: io.BytesIO) -> np.ndarray:
    try:
        return np.lib.format.read_array(buffer, allow_pickle=False)
    except ValueError:  # an object array: read its header, then unpickle numpy objects only
        buffer.seek(0)
        major, _ = np.lib.format.read_magic(buffer)
        if major == 1:
            np.lib.format.read_array_header_1_0(buffer)
        else:
            np.lib.format.read_array_header_2_0(buffer)
        return _NumpyOnlyUnpickler(buffer).load()


def read_npz(path: Path, filename: str) -> dict[str, np.ndarray]:
    """Read a dataset ``.npz`` safely and check it holds the arrays Keras expects."""
    try:
        arrays = {}
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                if member.endswith(".npy"):
                    arrays[member[: -len(".npy")]] = _read_npy(io.BytesIO(archive.read(member)))
    except (OSError, zipfile.BadZipFile, ValueError, pickle.UnpicklingError, EOFError) as error:
        raise DatasetCorruptError(
            f"{path} cannot be read as {filename} ({type(error).__name__}: {error}). Replace it "
            "with a good copy, or delete it so the next run downloads the official file."
        ) from error
    missing = _EXPECTED_KEYS[filename] - arrays.keys()
    if missing:
        raise DatasetCorruptError(
            f"{path} is not {filename}: it lacks the arrays {sorted(missing)} "
            f"(found {sorted(arrays)}). Replace it with a good copy."
        )
    return arrays


# --------------------------------------------------------------------------- the datasets


def load_mnist() -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """``keras.datasets.mnist.load_data()``: 60,000 + 10,000 uint8 28x28 digits."""
    arrays = read_npz(find_data_file("mnist.npz"), "mnist.npz")
    return (arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"])


def _remove_long_sequences(maxlen: int, sequences: list, labels: Sequence) -> tuple[list, list]:
    # Keras keeps sequences strictly shorter than maxlen (keras.src.utils.python_utils).
    pairs = zip(sequences, labels, strict=True)
    kept = [(sequence, label) for sequence, label in pairs if len(sequence) < maxlen]
    return [sequence for sequence, _ in kept], [label for _, label in kept]


def _offset(sequences: np.ndarray, start_char: int | None, index_from: int) -> list[list[int]]:
    if start_char is not None:
        return [[start_char] + [w + index_from for w in seq] for seq in sequences]
    return [[w + index_from for w in seq] for seq in sequences]


def _limit_vocabulary(
    sequences: list[list[int]], num_words: int | None, skip_top: int, oov_char: int | None
) -> list[list[int]]:
    if not num_words:
        # Keras's own rule: the largest index becomes the limit (so it is itself out of range).
        num_words = max(max(seq) for seq in sequences)
    if oov_char is not None:
        return [[w if skip_top <= w < num_words else oov_char for w in seq] for seq in sequences]
    return [[w for w in seq if skip_top <= w < num_words] for seq in sequences]


def load_imdb(
    num_words: int | None = None,
    skip_top: int = 0,
    maxlen: int | None = None,
    seed: int = 113,
    start_char: int | None = 1,
    oov_char: int | None = 2,
    index_from: int = 3,
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """``keras.datasets.imdb.load_data(...)`` with the same arguments and the same result."""
    arrays = read_npz(find_data_file("imdb.npz"), "imdb.npz")
    rng = np.random.RandomState(seed)
    splits = []
    for part in ("train", "test"):
        indices = np.arange(len(arrays[f"x_{part}"]))
        rng.shuffle(indices)
        splits.append((arrays[f"x_{part}"][indices], arrays[f"y_{part}"][indices]))
    (x_train, labels_train), (x_test, labels_test) = splits

    x_train = _offset(x_train, start_char, index_from)
    x_test = _offset(x_test, start_char, index_from)
    if maxlen:
        x_train, labels_train = _remove_long_sequences(maxlen, x_train, labels_train)
        x_test, labels_test = _remove_long_sequences(maxlen, x_test, labels_test)
        if not x_train or not x_test:
            raise ValueError(
                f"After filtering for sequences shorter than maxlen={maxlen}, "
                "no sequence was kept. Increase maxlen."
            )

    sequences = _limit_vocabulary(x_train + x_test, num_words, skip_top, oov_char)
    labels = np.concatenate([labels_train, labels_test])
    split = len(x_train)
    return (
        (np.array(sequences[:split], dtype="object"), labels[:split]),
        (np.array(sequences[split:], dtype="object"), labels[split:]),
    )


def load_reuters(
    num_words: int | None = None,
    skip_top: int = 0,
    maxlen: int | None = None,
    test_split: float = 0.2,
    seed: int = 113,
    start_char: int | None = 1,
    oov_char: int | None = 2,
    index_from: int = 3,
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """``keras.datasets.reuters.load_data(...)`` with the same arguments and the same result."""
    if not 0 <= test_split < 1:
        raise ValueError(f"test_split must be in [0, 1), got {test_split!r}")
    arrays = read_npz(find_data_file("reuters.npz"), "reuters.npz")
    indices = np.arange(len(arrays["x"]))
    np.random.RandomState(seed).shuffle(indices)
    sequences, labels = arrays["x"][indices], arrays["y"][indices]

    sequences = _offset(sequences, start_char, index_from)
    if maxlen:
        sequences, labels = _remove_long_sequences(maxlen, sequences, labels)
    sequences = _limit_vocabulary(sequences, num_words, skip_top, oov_char)

    split = int(len(sequences) * (1 - test_split))
    return (
        (np.array(sequences[:split], dtype="object"), np.array(labels[:split])),
        (np.array(sequences[split:], dtype="object"), np.array(labels[split:])),
    )


def reuters_topic_names() -> tuple[str, ...]:
    """The 46 Reuters topic names, indexed by label (``keras.datasets.reuters.get_label_names``)."""
    import keras

    return tuple(keras.datasets.reuters.get_label_names())


# --------------------------------------------------------------------------- conveniences


def take_subset(
    features: np.ndarray, labels: np.ndarray, size: int | str | None, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """A random ``size``-sample subset of ``(features, labels)``; ``"all"`` (or ``None``) keeps all.

    Notebooks use it to shrink data in quick mode while keeping the code path the same;
    their full-mode knobs say ``"all"``. The whole set comes back unchanged, in its order.
    """
    if len(features) != len(labels):
        raise ValueError(f"features and labels differ in length ({len(features)} vs {len(labels)})")
    if size is None or size == "all":
        return features, labels
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size <= 0:
        raise ValueError(f"size must be a positive integer or 'all', got {size!r}")
    if size > len(features):
        raise ValueError(f"asked for {size} samples but only {len(features)} are available")
    chosen = np.random.default_rng(seed).permutation(len(features))[:size]
    return features[chosen], labels[chosen]


def multi_hot(sequences: Sequence[Sequence[int]], num_words: int) -> np.ndarray:
    """Encode word-index sequences as a ``(len(sequences), num_words)`` float32 0/1 matrix.

    Load the data with ``num_words=`` the same value so that every index fits.
    """
    if num_words <= 0:
        raise ValueError(f"num_words must be positive, got {num_words!r}")
    matrix = np.zeros((len(sequences), num_words), dtype="float32")
    for row, sequence in enumerate(sequences):
        indices = np.asarray(sequence, dtype="int64")
        outside = indices[(indices < 0) | (indices >= num_words)]
        if outside.size:
            raise ValueError(
                f"sequence {row} holds the word index {int(outside[0])}, outside "
                f"[0, {num_words}); load the data with num_words={num_words} "
                "or raise num_words here"
            )
        matrix[row, indices] = 1.0
    return matrix
