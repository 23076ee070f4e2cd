"""Boilerplate shared by the Keras Tricks notebooks: data, parameters, seeding, plots, results.

The tricks themselves live in the notebooks; this package only keeps the repetitive
parts out of them. It is what a notebook's Colab cell installs. The tooling that runs
and tests the notebooks lives apart, in ``helpers.run``, and is not installed there.
"""

from helpers.data import (
    DatasetCorruptError,
    DatasetNotFoundError,
    find_data_file,
    load_imdb,
    load_mnist,
    load_reuters,
    multi_hot,
    reuters_topic_names,
    take_subset,
)
from helpers.environment import environment_report, seed_everything, version_tuple
from helpers.errors import short_error
from helpers.labels import check_binary_targets, check_labels, check_one_hot
from helpers.parameters import knobs, quick_mode
from helpers.plotting import metric_values, plot_history
from helpers.results import record_results
from helpers.tables import Table, table
from helpers.timing import time_steps_in_turns

__all__ = [
    "DatasetCorruptError",
    "DatasetNotFoundError",
    "Table",
    "check_binary_targets",
    "check_labels",
    "check_one_hot",
    "environment_report",
    "find_data_file",
    "knobs",
    "load_imdb",
    "load_mnist",
    "load_reuters",
    "metric_values",
    "multi_hot",
    "plot_history",
    "quick_mode",
    "record_results",
    "reuters_topic_names",
    "seed_everything",
    "short_error",
    "table",
    "take_subset",
    "time_steps_in_turns",
    "version_tuple",
]
