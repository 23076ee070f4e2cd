"""Tooling that runs and tests the cookbook: the runner, the lanes, output normalisation.

Notebooks never import this package, and a notebook's Colab cell does not install it
(``pyproject.toml`` ships ``helpers`` without its subpackages):

* ``python -m helpers.run`` executes notebooks with papermill, in a lane (``runner``,
  ``colab``), and reports what they showed;
* ``python -m helpers.run.compat`` writes the README's compatibility table from the lanes'
  summaries;
* ``python -m helpers.run.fetch`` downloads the datasets the normal Keras way;
* ``backends`` reads the backends a notebook declares; ``normalize`` cleans outputs before
  they are committed and holds the log-noise patterns nbval ignores too.
"""
