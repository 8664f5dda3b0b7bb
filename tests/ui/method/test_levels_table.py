"""The method page's table of evidence levels: every value from the data file, the central one the set's own."""

import model
from model.evidence import level_values
from ui.method.evidence import levels_table


def test_the_levels_table_shows_the_three_values_and_why():
    params = model.load_parameters()
    table = levels_table(params, "sv")
    assert list(table.columns) == ["Antagande", "Försiktig", "Trolig", "Optimistisk", "Varför"]
    assert len(table) == len([v for v in level_values() if v.name in params])
    row = table[table["Antagande"] == "Föräldrastöd i grupp: relativ minskning av risken"].iloc[0]
    assert (row["Försiktig"], row["Trolig"], row["Optimistisk"]) == ("0,03", "0,08", "0,15")
    assert "SBU" in row["Varför"]
    en = levels_table(params, "en")
    assert list(en.columns) == ["Assumption", "Cautious", "Central", "Optimistic", "Why"]
