"""The README's inputs and national comparison are what a run of each preset gives now (issue 10)."""

from __future__ import annotations

from model.files.readme_section import BEGIN, END, current_section, readme_section, replace_section
from model.resources import ROOT


def test_the_readme_section_is_what_the_generator_prints_now():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert current_section(readme) == readme_section(), "run: python -m model readme --write"


def test_the_section_has_every_preset_and_its_comparison():
    section = readme_section()
    assert section.startswith(BEGIN) and section.endswith(END)
    for pid in ("default", "average", "small", "employment_default", "employment_small"):
        assert f"(`{pid}`)" in section
    assert section.count("| Measure | Sweden (year) | Model | Difference |") == 5


def test_the_employment_area_is_compared_with_the_national_statistics_it_was_calibrated_to():
    # The default employment set against Regionfakta 2024: 1 033 kr paid per inhabitant, from a run.
    section = readme_section()
    part = section[section.index("(`employment_default`)"):section.index("(`employment_small`)")]
    row = next(line for line in part.splitlines() if line.startswith("| Financial assistance paid per inhabitant"))
    national, model_value = (cell.strip() for cell in row.split("|")[2:4])
    assert national == "1,033 (2024)"
    assert abs(float(model_value.replace(",", "")) - 1033) <= 0.02 * 1033  # the tolerance of data/model_fit.yaml
    assert "780 households on financial assistance in a month" in part


def test_replacing_keeps_the_rest_of_the_readme():
    text = f"before\n{BEGIN}\nold\n{END}\nafter\n"
    assert replace_section(text, f"{BEGIN}\nnew\n{END}") == f"before\n{BEGIN}\nnew\n{END}\nafter\n"


def test_the_last_test_command_stays_and_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = 'python -m pip install -q -e ".[test]" && python -m pytest -q'
    assert f"\n{command}\n" in readme
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").rstrip().splitlines()[-1] == command
