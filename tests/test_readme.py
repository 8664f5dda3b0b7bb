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
    for pid in ("default", "average", "small"):
        assert f"(`{pid}`)" in section
    assert section.count("| Measure | Sweden (year) | Model | Difference |") == 3


def test_replacing_keeps_the_rest_of_the_readme():
    text = f"before\n{BEGIN}\nold\n{END}\nafter\n"
    assert replace_section(text, f"{BEGIN}\nnew\n{END}") == f"before\n{BEGIN}\nnew\n{END}\nafter\n"


def test_the_last_test_command_stays_and_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = 'python -m pip install -q -e ".[test]" && python -m pytest -q'
    assert f"\n{command}\n" in readme
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").rstrip().splitlines()[-1] == command
