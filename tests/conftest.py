"""Shared test set-up.

nbval cannot inject papermill parameters, so notebooks read quick mode from the
environment; kernels started by this test session inherit it.
"""

import os

os.environ.setdefault("COOKBOOK_QUICK", "1")
# Keep TensorFlow's Python-side logging quiet in kernels and in the test process.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
