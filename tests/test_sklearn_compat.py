"""scikeras 0.13 with scikit-learn >= 1.6: the subclasses restore classifier behaviour."""

import keras
import numpy as np
import pytest
import scikeras.wrappers
from sklearn.base import clone, is_classifier
from sklearn.model_selection import GridSearchCV, StratifiedKFold, check_cv, cross_val_score

from helpers.sklearn_compat import KerasClassifier


def tiny_model(units=4):
    model = keras.Sequential(
        [
            keras.Input(shape=(2,)),
            keras.layers.Dense(units, activation="relu"),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    return model


@pytest.fixture(scope="module")
def blobs():
    rng = np.random.default_rng(0)
    features = np.concatenate([rng.normal(-2, 1, (40, 2)), rng.normal(2, 1, (40, 2))]).astype(
        "float32"
    )
    labels = np.array([0] * 40 + [1] * 40)
    return features, labels


def test_plain_scikeras_loses_the_tags_which_is_why_the_subclass_exists():
    # If this starts failing, scikeras fixed the bug and the subclass can go.
    assert not is_classifier(scikeras.wrappers.KerasClassifier(model=tiny_model))


def test_the_subclass_is_a_classifier():
    assert is_classifier(KerasClassifier(model=tiny_model))
    assert is_classifier(clone(KerasClassifier(model=tiny_model, model__units=3)))


def test_integer_cv_becomes_stratified(blobs):
    _, labels = blobs
    splitter = check_cv(5, labels, classifier=is_classifier(KerasClassifier(model=tiny_model)))
    assert isinstance(splitter, StratifiedKFold)


def test_roc_auc_scoring_and_grid_search_work(blobs):
    features, labels = blobs
    keras.utils.set_random_seed(0)
    classifier = KerasClassifier(
        model=tiny_model,
        loss="binary_crossentropy",
        optimizer="adam",
        epochs=30,
        verbose=0,
        optimizer__learning_rate=0.05,
    )
    scores = cross_val_score(classifier, features, labels, cv=2, scoring="roc_auc")
    assert scores.shape == (2,) and scores.min() > 0.9
    search = GridSearchCV(classifier, {"model__units": [2, 4]}, cv=2, scoring="accuracy")
    search.fit(features, labels)
    assert len(search.cv_results_["params"]) == 2
    assert search.best_score_ > 0.9
