"""The loaders return exactly what keras.datasets returns, and fail clearly on bad files."""

import io
import os
import pickle
import zipfile
from unittest import mock

import keras.src.datasets.imdb as keras_imdb
import keras.src.datasets.mnist as keras_mnist
import keras.src.datasets.reuters as keras_reuters
import numpy as np
import pytest
from keras.datasets import imdb, mnist, reuters

import helpers.data as data
from helpers.data import (
    DatasetCorruptError,
    DatasetNotFoundError,
    find_data_file,
    multi_hot,
    take_subset,
)


def keras_reads_our_file(module):
    """Make Keras's own load_data read the file the cookbook finds.

    That is the offline copy where there is one, else the file in Keras's cache, downloaded
    the normal Keras way if it is not there yet: no test relies on another having fetched it.
    """

    def local_get_file(fname=None, origin=None, *args, **kwargs):
        return str(find_data_file(os.path.basename(origin)))

    return mock.patch.object(module, "get_file", local_get_file)


def assert_same_split(ours, theirs):
    (our_x, our_y), (their_x, their_y) = ours, theirs
    assert our_x.dtype == their_x.dtype and our_x.shape == their_x.shape
    assert our_y.dtype == their_y.dtype
    np.testing.assert_array_equal(our_y, their_y)
    if our_x.dtype == object:
        assert all(list(a) == list(b) for a, b in zip(our_x, their_x, strict=True))
    else:
        np.testing.assert_array_equal(our_x, their_x)


def test_mnist_matches_keras():
    with keras_reads_our_file(keras_mnist):
        theirs = mnist.load_data()
    ours = data.load_mnist()
    for our_split, their_split in zip(ours, theirs, strict=True):
        assert_same_split(our_split, their_split)
    assert ours[0][0].shape == (60000, 28, 28) and ours[1][0].shape == (10000, 28, 28)


IMDB_ARGUMENTS = [
    {},
    {"num_words": 10000},
    {"num_words": 5000, "skip_top": 20, "maxlen": 200, "seed": 7},
    {"start_char": None, "oov_char": None, "index_from": 0, "num_words": 2000},
]


@pytest.mark.parametrize("arguments", IMDB_ARGUMENTS, ids=str)
def test_imdb_matches_keras(arguments):
    with keras_reads_our_file(keras_imdb):
        theirs = imdb.load_data(**arguments)
    ours = data.load_imdb(**arguments)
    for our_split, their_split in zip(ours, theirs, strict=True):
        assert_same_split(our_split, their_split)


REUTERS_ARGUMENTS = [
    {},
    {"num_words": 10000},
    {"num_words": 1000, "skip_top": 10, "maxlen": 100, "test_split": 0.3, "seed": 1},
    {"start_char": None, "oov_char": None, "index_from": 2, "num_words": 500},
]


@pytest.mark.parametrize("arguments", REUTERS_ARGUMENTS, ids=str)
def test_reuters_matches_keras(arguments):
    with keras_reads_our_file(keras_reuters):
        theirs = reuters.load_data(**arguments)
    ours = data.load_reuters(**arguments)
    for our_split, their_split in zip(ours, theirs, strict=True):
        assert_same_split(our_split, their_split)


def test_topic_names_match_keras():
    names = data.reuters_topic_names()
    assert names == tuple(reuters.get_label_names())
    assert len(names) == 46 and names[3] == "earn"


def test_imdb_maxlen_that_keeps_nothing_is_an_error():
    with pytest.raises(ValueError, match="Increase maxlen"):
        data.load_imdb(maxlen=1)


def test_reuters_test_split_out_of_range_is_an_error():
    with pytest.raises(ValueError, match="test_split"):
        data.load_reuters(test_split=1.0)


# --------------------------------------------------------------------------- finding files


@pytest.fixture
def no_data_anywhere(tmp_path, monkeypatch):
    """No COOKBOOK_DATA, an empty repo data/ and an empty Keras cache."""
    monkeypatch.delenv("COOKBOOK_DATA", raising=False)
    monkeypatch.setattr(data, "LOCAL_DATA_DIR", tmp_path / "repo-data")
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras-home"))
    return tmp_path


def test_the_environment_variable_comes_first(no_data_anywhere, monkeypatch):
    env_dir = no_data_anywhere / "env"
    env_dir.mkdir()
    (env_dir / "mnist.npz").write_bytes(b"x")
    repo_dir = no_data_anywhere / "repo-data"
    repo_dir.mkdir()
    (repo_dir / "mnist.npz").write_bytes(b"y")
    monkeypatch.setenv("COOKBOOK_DATA", str(env_dir))
    assert find_data_file("mnist.npz") == env_dir / "mnist.npz"
    monkeypatch.delenv("COOKBOOK_DATA")
    assert find_data_file("mnist.npz") == repo_dir / "mnist.npz"


def test_a_missing_file_names_itself_the_places_searched_and_the_fix(no_data_anywhere):
    with pytest.raises(DatasetNotFoundError) as raised:
        find_data_file("reuters.npz", download=False)
    message = str(raised.value)
    assert "reuters.npz was not found" in message
    assert "$COOKBOOK_DATA (not set)" in message
    assert str(no_data_anywhere / "repo-data" / "reuters.npz") in message
    assert "Keras download cache" in message
    assert "set COOKBOOK_DATA" in message


def test_a_failed_download_is_reported_with_the_same_advice(no_data_anywhere, monkeypatch):
    def offline(*args, **kwargs):
        raise Exception("URL fetch failure: no network")

    monkeypatch.setattr("keras.utils.get_file", offline)
    with pytest.raises(
        DatasetNotFoundError, match=r"could not be downloaded.*no network.*Searched"
    ):
        find_data_file("imdb.npz")


def test_a_download_uses_the_official_origin_and_hash(no_data_anywhere, monkeypatch):
    calls = []

    def fake_get_file(**kwargs):
        calls.append(kwargs)
        return "/somewhere/mnist.npz"

    monkeypatch.setattr("keras.utils.get_file", fake_get_file)
    assert str(find_data_file("mnist.npz")) == "/somewhere/mnist.npz"
    assert calls[0]["origin"] == data.OFFICIAL_ORIGIN + "mnist.npz"
    assert calls[0]["file_hash"] == data.OFFICIAL_HASHES["mnist.npz"][1]
    assert calls[0]["cache_dir"] == str(no_data_anywhere / "keras-home")


def test_a_mismatched_file_in_the_keras_cache_is_never_deleted(no_data_anywhere, monkeypatch):
    cache = no_data_anywhere / "keras-home" / "datasets"
    cache.mkdir(parents=True)
    offline_copy = cache / "mnist.npz"
    offline_copy.write_bytes(b"an offline copy with another hash")
    monkeypatch.setattr("keras.utils.get_file", mock.Mock(side_effect=AssertionError("called")))
    with pytest.raises(DatasetCorruptError, match="does not match the official sha256 hash"):
        find_data_file("mnist.npz")
    assert offline_copy.read_bytes() == b"an offline copy with another hash"


def test_unknown_datasets_are_refused():
    with pytest.raises(ValueError, match=r"unknown dataset file 'cifar10\.npz'.*mnist\.npz"):
        find_data_file("cifar10.npz")


def put_in_data_dir(monkeypatch, tmp_path, name, content):
    monkeypatch.setenv("COOKBOOK_DATA", str(tmp_path))
    (tmp_path / name).write_bytes(content)


def test_a_corrupt_npz_gives_a_clear_error(tmp_path, monkeypatch):
    put_in_data_dir(monkeypatch, tmp_path, "mnist.npz", b"not a zip file")
    with pytest.raises(
        DatasetCorruptError, match=r"mnist.npz cannot be read as mnist.npz.*BadZipFile"
    ):
        data.load_mnist()


def test_an_npz_without_the_expected_arrays_is_refused(tmp_path, monkeypatch):
    buffer = io.BytesIO()
    np.savez(buffer, x=np.zeros(3))
    put_in_data_dir(monkeypatch, tmp_path, "mnist.npz", buffer.getvalue())
    with pytest.raises(DatasetCorruptError, match=r"lacks the arrays \['x_test', 'x_train'"):
        data.load_mnist()


class Exploit:
    def __reduce__(self):
        return (os.system, ("echo pwned",))


def test_a_pickle_that_would_run_code_is_refused(tmp_path, monkeypatch):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        payload = io.BytesIO()
        np.lib.format.write_array_header_1_0(
            payload, {"descr": "|O", "fortran_order": False, "shape": (1,)}
        )
        payload.write(pickle.dumps(Exploit()))
        archive.writestr("x.npy", payload.getvalue())
        archive.writestr("y.npy", b"")
    put_in_data_dir(monkeypatch, tmp_path, "reuters.npz", buffer.getvalue())
    with pytest.raises(DatasetCorruptError, match="refusing to load"):
        data.load_reuters()


# --------------------------------------------------------------------------- conveniences


def test_take_subset_keeps_pairs_together_and_is_seeded():
    features = np.arange(100) * 10
    labels = np.arange(100)
    sub_x, sub_y = take_subset(features, labels, 20, seed=3)
    np.testing.assert_array_equal(sub_x, sub_y * 10)
    assert len(set(sub_y.tolist())) == 20
    np.testing.assert_array_equal(take_subset(features, labels, 20, seed=3)[1], sub_y)
    assert take_subset(features, labels, None) == (features, labels)
    assert take_subset(features, labels, "all") == (features, labels)


@pytest.mark.parametrize(
    ("size", "message"),
    [(0, "positive integer"), (101, "only 100"), (2.5, "positive"), ("every", "or 'all'")],
)
def test_take_subset_rejects_bad_sizes(size, message):
    with pytest.raises(ValueError, match=message):
        take_subset(np.zeros(100), np.zeros(100), size)


def test_take_subset_rejects_mismatched_lengths():
    with pytest.raises(ValueError, match="differ in length"):
        take_subset(np.zeros(3), np.zeros(4), 2)


def test_multi_hot_marks_each_word_once():
    matrix = multi_hot([[1, 3, 3], [], [0]], num_words=4)
    assert matrix.dtype == np.float32
    np.testing.assert_array_equal(matrix, [[0, 1, 0, 1], [0, 0, 0, 0], [1, 0, 0, 0]])


def test_multi_hot_explains_an_index_outside_the_vocabulary():
    with pytest.raises(ValueError, match=r"sequence 1 holds the word index 9, outside \[0, 5\)"):
        multi_hot([[1], [9]], num_words=5)
    with pytest.raises(ValueError, match=r"sequence 0 holds the word index -1, outside \[0, 5\)"):
        multi_hot([[4, -1]], num_words=5)
