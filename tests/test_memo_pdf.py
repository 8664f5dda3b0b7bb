"""The decision memo as a PDF: every page rendered, the headline numbers in the text layer, nothing off the page.

Uses Debian's poppler-utils (``pdftoppm``, ``pdftotext``, ``pdfinfo``); without
them the tests are skipped, except in CI (``CI=true``), where they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

import model
from model.analysis.compare import Candidate, baseline_scenario
from model.files.memo_layout import MARGIN_X
from model.files.memo_pdf import comparison_memo_pdf_bytes, memo_pdf_bytes
from model.parameters import SMALL_COUNT_THRESHOLD
from model.text.counts import fmt_count_change
from model.text.i18n import fmt_mnkr, fmt_percent

TOOLS = ("pdftoppm", "pdftotext", "pdfinfo")
A4 = (595.28, 841.89)  # pt
CREATED = "2026-11-30 09:00"


@pytest.fixture(scope="module", autouse=True)
def poppler():
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        message = f"the memo's tests need poppler-utils ({', '.join(missing)} missing; .ci/run installs it)"
        pytest.fail(f"CI=true but {message}") if os.environ.get("CI") == "true" else pytest.skip(message)


@pytest.fixture(scope="module")
def scenario():
    return model.Scenario(shift_sek_per_year=10e6, ramp_years=2, name="Majoritetens förslag <b>2027</b> & co")


@pytest.fixture(scope="module")
def run_and_analyses(default_params, scenario):
    return (model.run(default_params, scenario), model.run_uncertainty(default_params, scenario, 300, 0),
            model.tornado(default_params, scenario))


def write(tmp_path: Path, data: bytes, name: str = "memo.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def text_of(pdf: Path) -> str:
    """The text layer, no-break spaces as spaces (the memo's numbers use them)."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out.replace("\u00a0", " ")


def pages_of(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def words_off_the_text_area(pdf: Path) -> list[str]:
    """Words whose box leaves the text area (the page less its side margins) or the page itself."""
    xhtml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    bad = []
    word = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    for m in re.finditer(word, xhtml):
        x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
        if x0 < MARGIN_X - 1 or x1 > A4[0] - MARGIN_X + 1 or y0 < 0 or y1 > A4[1]:
            bad.append(f"{m.group(5)!r} at x {x0:.0f}–{x1:.0f}, y {y0:.0f}–{y1:.0f}")
    return bad


def render(pdf: Path, tmp_path: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True)
    return sorted(tmp_path.glob("page-*.png"))


def ink_in_margins(png: Path) -> bool:
    """Whether anything is drawn in the outer 15 mm on either side of a rendered page."""
    with Image.open(png) as page:
        im = page.convert("L")
    w, h = im.size
    edge = int(w * 15 / 210)
    return any(im.crop(box).getextrema()[0] < 250 for box in ((0, 0, edge, h), (w - edge, 0, w, h)))


def test_every_page_renders_within_its_margins(tmp_path, run_and_analyses):
    result, u, tornado = run_and_analyses
    pdf = write(tmp_path, memo_pdf_bytes(result, "sv", uncertainty=u, sensitivity=tornado, link="https://x.se/?a=1",
                                         created=CREATED))
    n = pages_of(pdf)
    assert 3 <= n <= 8, n
    pngs = render(pdf, tmp_path)
    assert len(pngs) == n
    for png in pngs:
        with Image.open(png) as page:
            w, h = page.size
        assert abs(h / w - A4[1] / A4[0]) < 0.01, "A4 portrait"
        assert not ink_in_margins(png), png.name
    assert words_off_the_text_area(pdf) == []


def test_the_text_layer_has_the_headline_numbers_in_swedish_format(tmp_path, run_and_analyses):
    result, u, tornado = run_and_analyses
    s = result.summary
    text = text_of(write(tmp_path, memo_pdf_bytes(result, "sv", uncertainty=u, sensitivity=tornado, created=CREATED)))
    nbsp = "\u00a0"
    for figure in (
        fmt_mnkr(s.net_total_sek, "sv", sign=True),  # −105,1 mnkr
        fmt_mnkr(s.npv_sek, "sv", sign=True),
        fmt_mnkr(abs(s.net_total_sek), "sv"),  # in the plain-language reading
        fmt_mnkr(u.summary.net_total_sek_p05, "sv", sign=True),
        fmt_percent(u.summary.probability_payback_horizon, "sv"),
        fmt_count_change(-s.institution_children_fewer_last_year, "sv"),  # cirka 2–3 färre
    ):
        assert figure.replace(nbsp, " ") in text, figure
    assert "\u2212" in text and "," in fmt_mnkr(s.net_total_sek, "sv")  # the minus sign and the decimal comma
    assert (str(s.payback_year) if s.payback_year else "betalar sig inte") in text
    assert "Beslutsunderlag" in text and "Frågan" in text and "Hur säkert är det?" in text
    assert "Majoritetens förslag <b>2027</b> & co" in text  # a name is shown as typed, never read as markup
    assert CREATED in text and result.params.name.split(" (")[0] in text


def test_english_memo(tmp_path, run_and_analyses):
    result, u, _ = run_and_analyses
    text = text_of(write(tmp_path, memo_pdf_bytes(result, "en", uncertainty=u, created=CREATED)))
    assert "Decision memo" in text and "How sure is it?" in text
    assert fmt_mnkr(result.summary.net_total_sek, "en", sign=True).replace("\u00a0", " ") in text
    assert "What matters most" not in text  # no tornado given, no tornado shown


def test_a_memo_without_uncertainty_says_so(tmp_path, run_and_analyses):
    text = text_of(write(tmp_path, memo_pdf_bytes(run_and_analyses[0], "sv", created=CREATED)))
    assert "Osäkerheten är inte beräknad" in text


def test_small_counts_are_withheld_in_the_memo(tmp_path, default_params, scenario):
    params = default_params.with_values({SMALL_COUNT_THRESHOLD: 100})  # every institution count is "small" now
    text = text_of(write(tmp_path, memo_pdf_bytes(model.run(params, scenario), "sv", created=CREATED)))
    assert "färre än 100" in text
    assert "cirka" in text  # fractional children read as a range


def test_the_memo_shows_where_the_net_effect_comes_from(tmp_path, run_and_analyses):
    result = run_and_analyses[0]
    text = text_of(write(tmp_path, memo_pdf_bytes(result, "sv", created=CREATED), "a.pdf"))
    assert "Varifrån effekten kommer" in text
    bm = result.by_mechanism
    own_homes = bm[bm["mechanism"] == "own_homes"]["net_sek"].sum()
    assert "Egna familjehem i stället för konsulentstödda" in text
    assert fmt_mnkr(own_homes, "sv", sign=True).replace("\u00a0", " ") in text  # summed over the years
    assert fmt_mnkr(result.summary.net_total_sek, "sv", sign=True).replace("\u00a0", " ") in text

def test_comparison_memo(tmp_path, default_params, scenario):
    other = model.Scenario(shift_sek_per_year=5e6, name="Oppositionens förslag",
                           mix={"parent_training": 0.5, "early_intervention": 0.5})
    changed = default_params.with_values({"care.hvb.cost_per_day": 7000})
    first, second = model.run(default_params, scenario), model.run(changed, other)
    base = Candidate("Utan förändring", model.run(default_params, baseline_scenario([scenario, other])),
                     is_baseline=True)
    pdf = write(tmp_path, comparison_memo_pdf_bytes(
        [base, Candidate(scenario.name, first), Candidate(other.name, second, "En anteckning")], "sv",
        links=["https://x.se/?scenario=abc", ""], created=CREATED))
    assert 2 <= pages_of(pdf) <= 6
    assert words_off_the_text_area(pdf) == []
    text = text_of(pdf)
    assert "jämförelse av 2 förslag" in text and "Oppositionens förslag" in text
    for r in (first, second):
        assert fmt_mnkr(r.summary.net_total_sek, "sv", sign=True).replace("\u00a0", " ") in text
    assert "HVB: kostnad per vårddygn" in text  # the assumption that differs
    assert "https://x.se/?scenario=abc" in text
