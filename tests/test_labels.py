import numpy as np
import pytest

from helpers.labels import check_binary_targets, check_labels, check_one_hot


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


# --------------------------------------------------------------------------- binary targets


def test_binary_targets_in_the_unit_interval_come_back_as_float32():
    for good in ([0, 1, 1, 0], [[0.0, 1.0], [1.0, 1.0]], [0.1, 0.9], np.array([True, False])):
        checked = check_binary_targets(good)
        assert checked.dtype == np.float32
        assert checked.shape == np.shape(good)


def test_class_ids_in_a_binary_setup_are_named_with_the_number_of_classes():
    with pytest.raises(
        ValueError,
        match=r"2 target\(s\) fall outside \[0, 1\], the first is 3 at position 1 "
        r"\(targets range from 0 to 45\).*class ids of 46 classes",
    ):
        check_binary_targets(np.array([0, 3, 1, 45]))


def test_minus_one_plus_one_labels_get_the_mapping_hint():
    with pytest.raises(
        ValueError, match=r"the first is -1 at position 0.*map them with \(targets \+ 1\) / 2"
    ):
        check_binary_targets([-1, 1, 1, -1])


def test_out_of_range_fractions_are_told_to_be_rescaled():
    with pytest.raises(
        ValueError, match=r"the first is 1.5 at position \(row 0, column 1\).*Rescale"
    ):
        check_binary_targets([[0.5, 1.5], [0.2, 0.3]])


def test_binary_targets_must_be_finite_numbers_and_not_empty():
    with pytest.raises(ValueError, match="finite"):
        check_binary_targets([0.0, np.nan])
    with pytest.raises(ValueError, match="finite"):
        check_binary_targets(["yes", "no"])
    with pytest.raises(ValueError, match="empty"):
        check_binary_targets([])


# --------------------------------------------------------------------------- one-hot targets


def test_one_hot_and_soft_rows_come_back_as_float32():
    checked = check_one_hot(np.eye(3)[[0, 2, 1]], 3)
    assert checked.dtype == np.float32
    smoothed = np.eye(3) * 0.9 + 0.1 / 3
    assert np.allclose(check_one_hot(smoothed, 3), smoothed)


def test_class_ids_are_not_one_hot():
    with pytest.raises(ValueError, match=r"shape \(3,\), which looks like class ids"):
        check_one_hot([0, 2, 1], 3)
    with pytest.raises(ValueError, match=r"shape \(3, 1\), which looks like class ids"):
        check_one_hot([[0], [2], [1]], 3)


def test_a_wrong_number_of_columns_is_named():
    with pytest.raises(ValueError, match="targets have 4 columns but num_classes is 3"):
        check_one_hot(np.eye(4), 3)
    with pytest.raises(ValueError, match=r"2-D matrix, got shape \(2, 3, 3\)"):
        check_one_hot(np.zeros((2, 3, 3)), 3)


def test_negative_entries_are_rejected_with_the_plus_minus_one_hint():
    with pytest.raises(
        ValueError,
        match=r"3 row\(s\) hold negative entries, the first is row 0 \(smallest entry -1.0\)"
        r".*2 \* one_hot - 1",
    ):
        check_one_hot(2 * np.eye(3) - 1, 3)


def test_identical_rows_of_ones_point_at_the_indexing_mistake():
    labels = np.array([0, 2, 1, 2])
    targets = np.zeros((4, 3))
    targets[:, labels] = 1  # the mistake: sets columns 0, 1, 2 in every row
    with pytest.raises(
        ValueError,
        match=r"4 row\(s\) do not sum to 1, the first is row 0 summing to 3.*"
        r"targets\[np.arange\(len\(labels\)\), labels\] = 1",
    ):
        check_one_hot(targets, 3)


def test_all_zero_multi_label_and_partial_rows_get_their_own_hints():
    with pytest.raises(ValueError, match=r"row 1 summing to 0.*all-zero row"):
        check_one_hot([[1, 0, 0], [0, 0, 0]], 3)
    with pytest.raises(ValueError, match=r"row 0 summing to 2.*multi-label"):
        check_one_hot([[1, 1, 0], [0, 0, 1]], 3)
    with pytest.raises(ValueError, match=r"row 0 summing to 0.5.*Normalise"):
        check_one_hot([[0.5, 0, 0], [0, 0, 1]], 3)


def test_one_hot_targets_must_be_finite_and_not_empty():
    with pytest.raises(ValueError, match="finite"):
        check_one_hot([[np.inf, 0], [0, 1]], 2)
    with pytest.raises(ValueError, match="empty"):
        check_one_hot(np.zeros((0, 3)), 3)


@pytest.mark.parametrize("bad", [1, 2.0, True])
def test_one_hot_num_classes_must_be_an_integer_of_at_least_two(bad):
    with pytest.raises(ValueError, match="num_classes"):
        check_one_hot(np.eye(2), bad)


def test_tolerance_must_be_non_negative():
    with pytest.raises(ValueError, match="tolerance"):
        check_one_hot(np.eye(2), 2, tolerance=-0.1)
