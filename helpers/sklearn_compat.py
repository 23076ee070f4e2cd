"""A scikeras 0.13 classifier that scikit-learn >= 1.6 recognises again.

scikeras 0.13 lists ``BaseEstimator`` before ``ClassifierMixin``, so under
scikit-learn's new tag system (1.6+) ``is_classifier(KerasClassifier(...))`` is
False. Nothing crashes, but ``cross_val_score(cv=5)`` silently uses plain
``KFold`` instead of ``StratifiedKFold`` and classifier-only scorers such as
``roc_auc`` refuse the model. This subclass restores the tags; use it exactly
like scikeras's own class.
"""

from __future__ import annotations

import scikeras.wrappers
from sklearn.utils import ClassifierTags, Tags


class KerasClassifier(scikeras.wrappers.KerasClassifier):
    """``scikeras.wrappers.KerasClassifier`` with scikit-learn's classifier tags."""

    _estimator_type = "classifier"

    def __sklearn_tags__(self) -> Tags:
        tags = super().__sklearn_tags__()
        tags.estimator_type = "classifier"
        tags.classifier_tags = ClassifierTags()
        tags.target_tags.required = True
        return tags
