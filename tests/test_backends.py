import pytest

from helpers.run.backends import Portability, active_backend, parse_backends_line, skip_reason


def test_a_portable_declaration_lists_backends():
    title = "# 01 · Title\n\n**Seed section:** x\n\n**Backends:** TensorFlow, JAX\n"
    portability = parse_backends_line(title)
    assert portability == Portability(("tensorflow", "jax"))
    assert portability.supports("jax") and portability.skip_reason("jax") == ""
    assert portability.skip_reason("torch") == "TensorFlow and JAX only"


def test_a_one_backend_declaration_carries_its_reason():
    portability = parse_backends_line("**Backends:** TensorFlow only: tf.data and tf.distribute.")
    assert portability == Portability(("tensorflow",), "tf.data and tf.distribute")
    assert portability.skip_reason("jax") == "TensorFlow only: tf.data and tf.distribute"


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("# No line", "has no '\\*\\*Backends:\\*\\*' line; add"),
        ("**Backends:** TensorFlow only", "must say why"),
        ("**Backends:** TensorFlow, Theano", "unknown backend 'Theano'"),
        ("**Backends:** JAX, JAX", "list each backend once"),
    ],
)
def test_bad_declarations_say_how_to_fix_them(title, message):
    with pytest.raises(ValueError, match=message):
        parse_backends_line(title, source="01_x.ipynb")


def test_active_backend_reads_keras_backend(monkeypatch):
    monkeypatch.delenv("KERAS_BACKEND", raising=False)
    assert active_backend() == "tensorflow"
    monkeypatch.setenv("KERAS_BACKEND", "jax")
    assert active_backend() == "jax"
    monkeypatch.setenv("KERAS_BACKEND", "theano")
    with pytest.raises(ValueError, match="'theano' is not a Keras backend"):
        active_backend()


def test_skip_reason_reads_the_title_cell_of_a_notebook_file(tmp_path):
    import nbformat

    path = tmp_path / "01_x.ipynb"
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# 01 · X\n\n**Backends:** TensorFlow only: tf.data")
    ]
    nbformat.write(notebook, path)
    assert skip_reason(path, "tensorflow") == ""
    assert skip_reason(path, "jax") == "TensorFlow only: tf.data"
