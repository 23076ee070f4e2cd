"""Boilerplate shared by the Keras Tricks notebooks: data, seeding, plots, results, timing, runner.

The tricks themselves live in the notebooks; this package only keeps the
repetitive parts out of them.
"""

from helpers.data import (
    DatasetCorruptError,
    DatasetNotFoundError,
    decode_sequence,
    find_data_file,
    imdb_word_index,
    load_imdb,
    load_mnist,
    load_reuters,
    multi_hot,
    reuters_topic_names,
    reuters_word_index,
    take_subset,
)
from helpers.environment import environment_report, seed_everything
from helpers.errors import short_error
from helpers.labels import check_binary_targets, check_labels, check_one_hot
from helpers.plotting import metric_values, plot_history
from helpers.project import GITHUB_REPO, colab_url, quick_mode_from_env
from helpers.results import record_results
from helpers.tables import Table, table
from helpers.timing import time_steps_in_turns

__all__ = [
    "GITHUB_REPO",
    "DatasetCorruptError",
    "DatasetNotFoundError",
    "Table",
    "check_binary_targets",
    "check_labels",
    "check_one_hot",
    "colab_url",
    "decode_sequence",
    "environment_report",
    "find_data_file",
    "imdb_word_index",
    "load_imdb",
    "load_mnist",
    "load_reuters",
    "metric_values",
    "multi_hot",
    "plot_history",
    "quick_mode_from_env",
    "record_results",
    "reuters_topic_names",
    "reuters_word_index",
    "seed_everything",
    "short_error",
    "table",
    "take_subset",
    "time_steps_in_turns",
]
