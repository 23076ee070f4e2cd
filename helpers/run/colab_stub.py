"""IPython start-up file of the Colab lane: a stand-in for the ``google.colab`` package.

Colab's kernel has ``google.colab`` imported before the first cell runs. Notebooks test
``"google.colab" in sys.modules`` to run their Colab set-up cell, and some libraries look
for it too (JAX's debugger then imports ``google.colab.output``). Only the ``colab`` part is
added: the real ``google`` namespace package, which holds protobuf, stays as installed.
This file is copied into the kernel's IPython profile; it is never imported from here.
"""


def _stand_in_for_colab() -> None:
    import sys
    import types

    try:
        import google  # the namespace package that protobuf installs
    except ImportError:
        google = sys.modules.setdefault("google", types.ModuleType("google"))
        google.__path__ = []
    colab = types.ModuleType("google.colab", "A stand-in for Colab's package (the Colab lane).")
    colab.__path__ = []  # a package, so "from google.colab import output" works
    output = types.ModuleType("google.colab.output", "A stand-in for Colab's output module.")
    colab.output = output
    google.colab = colab
    sys.modules["google.colab"] = colab
    sys.modules["google.colab.output"] = output


_stand_in_for_colab()
del _stand_in_for_colab
