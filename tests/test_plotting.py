from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

from helpers.plotting import history_dict, metric_values, plot_history

HISTORY = {
    "loss": [0.9, 0.5, 0.4],
    "accuracy": [0.6, 0.8, 0.9],
    "val_loss": [0.8, 0.6, 0.7],
    "val_accuracy": [0.7, 0.75, 0.74],
}


class FakeHistory:
    history = HISTORY


def test_history_objects_and_dicts_are_both_accepted():
    assert history_dict(FakeHistory()) == HISTORY
    assert history_dict(HISTORY) == HISTORY


def test_history_of_the_wrong_type_is_refused():
    with pytest.raises(TypeError, match="keras History"):
        history_dict([0.1, 0.2])


def test_the_keras2_name_acc_gets_a_pointer_to_accuracy():
    with pytest.raises(KeyError, match="Keras 2 called it 'acc'; Keras 3 records 'accuracy'"):
        metric_values(HISTORY, "acc")


def test_a_typo_gets_the_closest_key():
    with pytest.raises(KeyError, match="Did you mean 'val_loss'"):
        metric_values(HISTORY, "val_los")


def test_plot_history_draws_train_and_validation_per_metric():
    figure = plot_history(HISTORY, metrics=("accuracy", "loss"), title="demo")
    axes = figure.axes
    assert len(axes) == 2
    assert [len(axis.lines) for axis in axes] == [2, 2]
    assert list(axes[1].lines[1].get_ydata()) == HISTORY["val_loss"]
    plt.close(figure)


def test_a_resumed_history_is_drawn_at_its_true_epochs():
    resumed = SimpleNamespace(history={"loss": [0.5, 0.4]}, epoch=[3, 4])
    figure = plot_history(resumed, metrics=("loss",))
    assert list(figure.axes[0].lines[0].get_xdata()) == [4, 5]
    plt.close(figure)


def test_overlaid_runs_are_told_apart_by_their_labels():
    figure = plot_history(HISTORY, metrics=("loss",), label="small")
    plot_history({"loss": [1.0, 0.8, 0.7]}, metrics=("loss",), axes=figure.axes, label="big")
    labels = [line.get_label() for line in figure.axes[0].lines]
    assert labels == ["small: train loss", "small: validation loss", "big: train loss"]
    plt.close(figure)


def test_plot_history_without_validation_draws_one_line():
    figure = plot_history({"loss": [1.0, 0.5]}, metrics=("loss",))
    assert len(figure.axes[0].lines) == 1
    plt.close(figure)


def test_plot_history_checks_its_arguments():
    with pytest.raises(ValueError, match="at least one metric"):
        plot_history(HISTORY, metrics=())
    figure, axes = plt.subplots(1, 3)
    with pytest.raises(ValueError, match="3 axes for 2 metrics"):
        plot_history(HISTORY, axes=axes)
    plt.close(figure)
    with pytest.raises(KeyError, match="no 'acc'"):
        plot_history(HISTORY, metrics=("acc",))
