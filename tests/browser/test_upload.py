"""An analyst's round trip in real Chromium: upload a colleague's file, see the headline change, download it back."""

from __future__ import annotations

from streamlit_server import wait_idle

import model
from model.files.parameter_xlsx import parameters_from_xlsx
from model.files.parameter_yaml import parameters_to_yaml
from model.text.i18n import fmt_mnkr

HEADLINE = "[data-testid='stMetric'] [data-testid='stMetricValue']"
UPLOAD = ".st-key-asm_upload input[type='file']"


def test_upload_a_parameter_file_and_see_the_overview_change(page, app_url, tmp_path):
    colleague = model.load_parameters().with_values({"care.hvb.cost_per_day": 9000})
    path = tmp_path / "kollegans-antaganden.yaml"
    path.write_text(parameters_to_yaml(colleague), encoding="utf-8")

    page.goto(app_url)
    wait_idle(page)
    before = page.locator(HEADLINE).first.inner_text()

    page.get_by_role("link", name="Antaganden").click()
    wait_idle(page)
    page.get_by_role("tab", name="Spara och ladda upp").click()
    page.locator(UPLOAD).set_input_files(str(path))
    success = page.get_by_text("Filen kollegans-antaganden.yaml är inläst")
    success.wait_for(timeout=30000)
    wait_idle(page)
    # The change is listed against the default.
    page.get_by_role("tab", name="Ändringar mot standard").click()
    default_name = model.presets()["default"]
    page.get_by_text(f"jämfört med standardvärdena för {default_name}: 1.").wait_for()

    # Download the active set as Excel: it reads back as the same set.
    page.get_by_role("tab", name="Spara och ladda upp").click()
    with page.expect_download(timeout=60000) as info:
        page.get_by_role("button", name="Ladda ner Excel").click()
    xlsx = tmp_path / "tillbaka.xlsx"
    info.value.save_as(xlsx)
    assert parameters_from_xlsx(xlsx.read_bytes()) == colleague

    page.get_by_role("link", name="Översikt").click()
    wait_idle(page)
    after = page.locator(HEADLINE).first.inner_text()
    assert after != before
    expected = model.run(colleague, model.Scenario(shift_sek_per_year=10e6)).summary["net_total_sek"]
    assert after == fmt_mnkr(expected, "sv", sign=True)
