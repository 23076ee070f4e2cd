import numpy as np
import pytest

from helpers.labels import check_labels


def test_valid_labels_come_back_as_int64():
    labels = check_labels(np.array([0, 3, 45], dtype="uint8"), 46)
    assert labels.dtype == np.int64
    assert labels.tolist() == [0, 3, 45]


def test_a_label_at_or_above_num_classes_is_named_with_its_position():
    with pytest.raises(
        ValueError, match=r"1 label\(s\) fall outside \[0, 2\), the first is 4 at position 2"
    ):
        check_labels([0, 1, 4, 1], 2)


def test_negative_labels_are_rejected_with_their_own_message():
    with pytest.raises(
        ValueError, match=r"1 label\(s\) are negative, the first is -1 at position 1"
    ):
        check_labels([0, -1, 2], 3)


def test_one_hot_input_is_recognised():
    with pytest.raises(ValueError, match="looks one-hot"):
        check_labels(np.eye(3), 3)


def test_fractional_and_non_finite_labels_are_rejected():
    with pytest.raises(ValueError, match="whole numbers"):
        check_labels([0.5, 1.0], 2)
    with pytest.raises(ValueError, match="finite"):
        check_labels([np.nan, 1.0], 2)


@pytest.mark.parametrize("bad", [1, 0, 2.0, True])
def test_num_classes_must_be_an_integer_of_at_least_two(bad):
    with pytest.raises(ValueError, match="num_classes"):
        check_labels([0, 1], bad)


def test_empty_labels_are_rejected():
    with pytest.raises(ValueError, match="empty"):
        check_labels([], 2)
