"""time_steps_in_turns: the models take turns, a warm-up round is left out, bad input is refused."""

import keras
import numpy as np
import pytest

from helpers import time_steps_in_turns


class FakeModel:
    """Records the order of its training steps in a log shared with the other fakes."""

    def __init__(self, name, log, compiled=True):
        self.name, self.log, self.compiled = name, log, compiled

    def train_on_batch(self, inputs, targets):
        self.log.append(self.name)


def tiny_model():
    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    return model


def test_models_take_turns_one_step_each_after_a_warm_up_round():
    log = []
    models = {name: FakeModel(name, log) for name in ("first", "second")}
    seconds = time_steps_in_turns(models, np.zeros((4, 3)), np.zeros(4), rounds=3)
    assert log == ["first", "second"] * 4, "a warm-up round, then three rounds in turns"
    assert set(seconds) == {"first", "second"}
    assert all(steps.shape == (3,) and (steps >= 0).all() for steps in seconds.values())


def test_real_models_train_one_step_per_round_plus_the_warm_up():
    models = {"a": tiny_model(), "b": tiny_model()}
    seconds = time_steps_in_turns(models, np.ones((8, 3)), np.ones((8, 1)), rounds=2)
    assert [int(model.optimizer.iterations) for model in models.values()] == [3, 3]
    assert all(len(steps) == 2 and (steps > 0).all() for steps in seconds.values())


@pytest.mark.parametrize("rounds", [0, -1, 2.5, True, "3"])
def test_rounds_must_be_a_positive_integer(rounds):
    with pytest.raises(ValueError, match="positive integer"):
        time_steps_in_turns({"a": FakeModel("a", [])}, np.zeros((2, 3)), np.zeros(2), rounds)


def test_bad_models_and_batches_are_refused_before_any_step():
    log = []
    with pytest.raises(ValueError, match="no models"):
        time_steps_in_turns({}, np.zeros((2, 3)), np.zeros(2), 1)
    models = {"ready": FakeModel("ready", log), "raw": FakeModel("raw", log, compiled=False)}
    with pytest.raises(ValueError, match=r"compile these models.*\['raw'\]"):
        time_steps_in_turns(models, np.zeros((2, 3)), np.zeros(2), 1)
    with pytest.raises(ValueError, match=r"differ in length \(2 vs 3\)"):
        time_steps_in_turns({"ready": models["ready"]}, np.zeros((2, 3)), np.zeros(3), 1)
    assert log == [], "nothing was trained"
