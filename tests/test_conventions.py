"""Every committed notebook follows the house style (shared/STYLE.md) and shows a clean run."""

import ast
import re

import nbformat
import pytest

from helpers.results import RESULTS_MIME
from helpers.run.backends import parse_backends_line
from helpers.run.normalize import MACHINE_PATH_PATTERN, drop_native_logs
from helpers.run.project import GITHUB_REPO, REPO_ROOT, all_notebooks, colab_url

NOTEBOOKS = all_notebooks()
README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
GITHUB_URL = re.compile(r"github\.com/([\w.-]+/[\w.-]+?)(?:/|\.git\b|\"|\)|$)")


def read(path):
    return nbformat.read(path, as_version=4)


def sources(notebook, cell_type):
    return [cell.source for cell in notebook.cells if cell.cell_type == cell_type]


def test_notebooks_are_numbered_and_named_in_snake_case():
    for path in NOTEBOOKS:
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", path.name), path.name
    numbers = [path.name[:2] for path in NOTEBOOKS]
    assert len(numbers) == len(set(numbers)), "two notebooks share a number"


@pytest.fixture(params=NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def notebook_path(request):
    return request.param


def test_valid_nbformat_v4(notebook_path):
    notebook = read(notebook_path)
    nbformat.validate(notebook)
    assert notebook.nbformat == 4


def test_title_cell_has_number_badge_and_seed_section(notebook_path):
    title = read(notebook_path).cells[0]
    assert title.cell_type == "markdown"
    number = notebook_path.name[:2]
    assert re.match(rf"# {number} · [A-Z]", title.source), "title must read '# NN · Sentence case'"
    assert f"({colab_url(notebook_path.name)})" in title.source, (
        "Colab badge must point at this file"
    )
    assert "colab-badge.svg" in title.source
    assert "**Seed section:**" in title.source


def test_title_cell_declares_the_backends_it_runs_on(notebook_path):
    title = read(notebook_path).cells[0].source
    portability = parse_backends_line(title, source=notebook_path.name)
    assert "tensorflow" in portability.backends, "every notebook runs on the reference backend"


def test_readme_names_each_tensorflow_only_notebook_and_why(notebook_path):
    portability = parse_backends_line(read(notebook_path).cells[0].source)
    backends_section = README.split("\n## Backends", 1)[-1].split("\n## ", 1)[0]
    if portability.backends == ("tensorflow",):
        assert f"[{notebook_path.name[:2]}](notebooks/{notebook_path.name})" in backends_section, (
            "README's Backends section must list each TensorFlow-only notebook with its reason"
        )


def test_every_github_link_uses_the_one_repository_path(notebook_path):
    notebook = read(notebook_path)
    for source in sources(notebook, "code") + sources(notebook, "markdown")[:1]:
        for repository in GITHUB_URL.findall(source):
            assert repository == GITHUB_REPO, (
                f"{repository} differs from helpers.run.project.GITHUB_REPO"
            )


def test_colab_cell_installs_helpers_from_the_repository(notebook_path):
    colab_cells = [s for s in sources(read(notebook_path), "code") if "google.colab" in s]
    assert len(colab_cells) == 1, "exactly one guarded Colab set-up cell"
    assert f"git+https://github.com/{GITHUB_REPO}" in colab_cells[0]


def test_colab_cell_comes_right_before_the_parameters_cell(notebook_path):
    cells = read(notebook_path).cells
    index = next(i for i, c in enumerate(cells) if "parameters" in c.metadata.get("tags", []))
    assert "google.colab" in cells[index - 1].source, (
        "the Colab cell installs what the next cells use"
    )


def test_parameters_cell_holds_only_knobs_resolved_in_the_next_cell(notebook_path):
    cells = read(notebook_path).cells
    indexes = [i for i, c in enumerate(cells) if "parameters" in c.metadata.get("tags", [])]
    assert len(indexes) == 1, "exactly one cell tagged 'parameters'"
    values = {}
    for node in ast.parse(cells[indexes[0]].source).body:
        assert isinstance(node, ast.Assign) and len(node.targets) == 1, (
            "the parameters cell holds only assignments, one name each"
        )
        values[node.targets[0].id] = ast.literal_eval(node.value)
    assert values.pop("QUICK") is None, "QUICK = None: COOKBOOK_QUICK decides unless injected"
    assert isinstance(values.pop("SEED"), int)
    assert values, "the knobs a reader would turn (epochs, sizes, batch size) are parameters"
    assert all(value is None for value in values.values()), "knobs default to None"
    resolution = ast.parse(cells[indexes[0] + 1].source)
    calls = {
        ast.unparse(node.func): node for node in ast.walk(resolution) if isinstance(node, ast.Call)
    }
    assert "helpers.quick_mode" in calls, "the next cell resolves QUICK with helpers.quick_mode"
    knobs = calls.get("helpers.knobs")
    assert knobs is not None, "the next cell resolves the knobs with helpers.knobs"
    resolved = {keyword.arg: ast.unparse(keyword.value) for keyword in knobs.keywords}
    assert set(resolved) == set(values), "helpers.knobs resolves exactly the declared knobs"
    for name, choice in resolved.items():
        assert choice.startswith(f"({name}, "), f"{name}=({name}, quick default, full default)"


def test_no_code_cell_carries_an_nbval_comment(notebook_path):
    for source in sources(read(notebook_path), "code"):
        assert "NBVAL_" not in source, "tag the cell nbval-check-output instead of a comment"


def test_sections_in_house_order(notebook_path):
    headings = [
        line
        for source in sources(read(notebook_path), "markdown")
        for line in source.splitlines()
        if line.startswith("## ")
    ]
    expected = ["## The trick", "## Then and now", "## Setup", "## Data", "## Experiment"]
    expected += ["## What we see", "## Checked claims", "## Pitfalls and see also"]
    positions = [headings.index(h) if h in headings else -1 for h in expected]
    assert -1 not in positions, (
        f"missing sections: {[h for h, p in zip(expected, positions, strict=True) if p < 0]}"
    )
    assert positions == sorted(positions), f"sections out of order: {headings}"


def test_checked_claims_are_asserts_with_messages(notebook_path):
    notebook = read(notebook_path)
    start = next(
        i for i, c in enumerate(notebook.cells) if c.source.startswith("## Checked claims")
    )
    claim_asserts = []
    for cell in notebook.cells[start + 1 :]:
        if cell.cell_type == "markdown" and cell.source.startswith("## "):
            break
        if cell.cell_type == "code":
            claim_asserts += [
                n for n in ast.walk(ast.parse(cell.source)) if isinstance(n, ast.Assert)
            ]
    assert len(claim_asserts) >= 3, "at least three checked claims"
    assert all(node.msg is not None for node in claim_asserts), "every claim states itself in words"


def test_committed_outputs_show_a_clean_full_run(notebook_path):
    notebook = read(notebook_path)
    assert "papermill" not in notebook.metadata, "refresh with `python -m helpers.run --refresh`"
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code_cells), "every code cell was executed"
    kinds = set()
    for cell in code_cells:
        for output in cell.outputs:
            assert output.output_type != "error", f"error output in: {cell.source[:60]!r}"
            kinds.update(output.get("data", {}))
            text = output.get("text", "") + "".join(
                str(v) for k, v in output.get("data", {}).items() if k.startswith("text/")
            )
            assert not MACHINE_PATH_PATTERN.search(text), f"machine path in output: {text[:200]!r}"
            assert drop_native_logs(text) == text, "TensorFlow native log lines left in output"
    assert "image/png" in kinds or "text/html" in kinds, "a plot or a table is shown"
    assert RESULTS_MIME in kinds, "key results are recorded with helpers.record_results"


def test_readme_lists_every_notebook_with_its_colab_link(notebook_path):
    assert f"notebooks/{notebook_path.name}" in README
    assert colab_url(notebook_path.name) in README


def test_links_to_other_notebooks_resolve(notebook_path):
    names = {path.name for path in NOTEBOOKS}
    for source in sources(read(notebook_path), "markdown"):
        for target in re.findall(r"\]\((\d\d_[a-z0-9_]+\.ipynb)\)", source):
            assert target in names, f"link to {target}, which does not exist yet"


def test_readme_compatibility_table_agrees_with_each_notebooks_declaration(notebook_path):
    section = README.split("<!-- compatibility -->", 1)[1].split("<!-- /compatibility -->")[0]
    link = f"[{notebook_path.name[:2]}](notebooks/{notebook_path.name})"
    rows = [line for line in section.splitlines() if line.startswith(f"| {link} |")]
    assert len(rows) == 1, "one row per notebook: run `python -m helpers.run.compat`"
    reference, jax, colab = (cell.strip() for cell in rows[0].strip("|").split("|")[1:])
    portability = parse_backends_line(read(notebook_path).cells[0].source)
    assert reference == colab == "passed"
    assert jax == ("passed" if portability.supports("jax") else "skipped: TensorFlow only")
