"""The README's compatibility table is made from complete, passing lane summaries only."""

import json

import pytest

from helpers.run import compat
from helpers.run.project import all_notebooks

NAMES = [path.name for path in all_notebooks()]
STACKS = {
    "reference": {"python": "3.11.7", "keras": "3.15.1", "tensorflow": "2.21.0"},
    "jax": {"python": "3.11.7", "keras": "3.15.1", "jax": "0.10.2"},
    "colab": {"python": "3.12.1", "keras": "3.10.0", "tensorflow": "2.19.0"},
}


def write_summaries(runs_dir, status_of=lambda lane, name: "passed"):
    for lane in compat.LANES:
        runs = [
            {"notebook": name, "status": status_of(lane, name), "error": "TensorFlow only: why"}
            for name in NAMES
        ]
        summary = {
            "lane": lane,
            "backend": "jax" if lane == "jax" else "tensorflow",
            "mode": "quick",
            "stack": STACKS[lane],
            "notebooks": runs,
        }
        folder = runs_dir / f"{lane}-quick"
        folder.mkdir(parents=True)
        (folder / "summary.json").write_text(json.dumps(summary))


def test_the_table_has_a_row_per_notebook_and_a_column_per_lane(tmp_path):
    write_summaries(tmp_path, lambda lane, name: "skipped" if lane == "jax" else "passed")
    summaries = {lane: compat.load_summary(lane, tmp_path) for lane in compat.LANES}
    lines = compat.compatibility_table(summaries).splitlines()
    assert lines[0] == (
        "| notebook | reference lane: TensorFlow 2.21.0, Keras 3.15.1, Python 3.11 "
        "| JAX lane: JAX 0.10.2, Keras 3.15.1, Python 3.11 "
        "| Colab lane (each notebook alone): TensorFlow 2.19.0, Keras 3.10.0, Python 3.12 |"
    )
    assert len(lines) == 2 + len(NAMES)
    assert lines[2] == (
        f"| [{NAMES[0][:2]}](notebooks/{NAMES[0]}) | passed | skipped: TensorFlow only | passed |"
    )


def test_a_missing_partial_or_failing_lane_is_refused(tmp_path):
    with pytest.raises(ValueError, match="no summary for the reference lane"):
        compat.load_summary("reference", tmp_path)
    write_summaries(tmp_path, lambda lane, name: "failed" if name == NAMES[1] else "passed")
    with pytest.raises(ValueError, match=f"the jax lane failed {NAMES[1]}: fix them first"):
        compat.load_summary("jax", tmp_path)
    summary_file = tmp_path / "colab-quick" / "summary.json"
    summary = json.loads(summary_file.read_text())
    summary["notebooks"] = summary["notebooks"][:1]
    summary_file.write_text(json.dumps(summary))
    with pytest.raises(ValueError, match=f"lacks {len(NAMES) - 1} of {len(NAMES)} notebooks"):
        compat.load_summary("colab", tmp_path)


def test_the_section_between_the_markers_is_replaced():
    readme = "intro\n<!-- compatibility -->\nold\n<!-- /compatibility -->\nrest\n"
    assert compat.replace_section(readme, "| new |") == (
        "intro\n<!-- compatibility -->\n| new |\n<!-- /compatibility -->\nrest\n"
    )
    with pytest.raises(ValueError, match="no <!-- compatibility -->"):
        compat.replace_section("no markers", "| new |")


@pytest.mark.parametrize(
    "change", [{"lane": "jax"}, {"mode": "full"}, {"parameters": {"EPOCHS": 1}}]
)
def test_a_summary_of_another_lane_mode_or_knobs_is_refused(tmp_path, change):
    write_summaries(tmp_path)
    summary_file = tmp_path / "reference-quick" / "summary.json"
    summary_file.write_text(json.dumps(json.loads(summary_file.read_text()) | change))
    with pytest.raises(ValueError, match="is not a quick run of the whole reference lane"):
        compat.load_summary("reference", tmp_path)
