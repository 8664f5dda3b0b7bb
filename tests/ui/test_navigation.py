"""The page table is the one home of the pages' scripts and addresses: the router and the links read it."""

from __future__ import annotations

from pathlib import Path

from ui import navigation

REPO = Path(__file__).resolve().parents[2]


def test_every_page_script_exists_and_one_page_is_the_root():
    assert all((REPO / p.script).is_file() for p in navigation.PAGES)
    assert [p.url_path for p in navigation.PAGES].count(None) == 1
    assert navigation.URL_PATHS == ("hela-namnden", "osakerhet", "scenarier", "antaganden", "metod", "tillganglighet")


def test_the_router_uses_the_table():
    app = (REPO / "app.py").read_text(encoding="utf-8")
    assert "navigation.pages(" in app and "ui/pages/" not in app
