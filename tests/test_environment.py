import random

import keras
import numpy as np
import pytest

from helpers.environment import environment_report, seed_everything


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
