import random

import keras
import numpy as np
import pytest

from helpers.environment import environment_report, seed_everything, version_tuple


def test_seed_everything_makes_initialisation_repeatable():
    def fresh_weights():
        seed_everything(7)
        layer = keras.layers.Dense(4)
        layer.build((None, 3))
        return layer.get_weights()[0], random.random()

    first, second = fresh_weights(), fresh_weights()
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(first[1], second[1])


@pytest.mark.parametrize("bad", [-1, 1.5, "0", True, None])
def test_seed_everything_rejects_bad_seeds(bad):
    with pytest.raises(ValueError, match="non-negative integer"):
        seed_everything(bad)


def test_environment_report_is_one_line_naming_versions_and_device():
    report = environment_report()
    assert "\n" not in report
    assert f"Keras {keras.__version__}" in report
    assert f"backend {keras.backend.backend()}" in report
    assert "Python 3." in report
    assert "GPU" in report or "CPU" in report


@pytest.mark.parametrize(
    "version, expected",
    [
        ("3.13.0", (3, 13, 0)),
        ("3.10", (3, 10, 0)),
        ("3.16.0rc0", (3, 16, 0)),
        ("0.8.1.dev20260101", (0, 8, 1)),
        ("2.21.0+cu12", (2, 21, 0)),
        ("3.13.2.post1", (3, 13, 2)),
    ],
)
def test_version_tuple_reads_releases_and_drops_suffixes(version, expected):
    assert version_tuple(version) == expected


def test_version_tuple_orders_versions_numerically():
    assert version_tuple("3.10.0") > version_tuple("3.9.9")
    assert version_tuple("3.16.0rc0") >= (3, 16, 0)


def test_version_tuple_reads_the_installed_keras():
    assert version_tuple(keras.__version__)[0] == 3


@pytest.mark.parametrize("bad", ["", "3", "abc", "v3.1.0", "3.x", None, 3.1])
def test_version_tuple_rejects_what_is_not_a_version(bad):
    with pytest.raises(ValueError, match=r"cannot read a version number from .*MAJOR\.MINOR"):
        version_tuple(bad)
