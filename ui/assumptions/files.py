"""Tab "Spara och ladda upp": the active set as a workbook, YAML or CSV, and a file read back."""

from __future__ import annotations

from functools import partial

import streamlit as st

import model
from model.files.incoming import MAX_FILE_BYTES
from model.text.i18n import t
from ui import cache
from ui.assumptions import actions
from ui.downloads import Download, download_row
from ui.style import file_uploader


def render(params: model.Parameters, lang: str) -> None:
    st.markdown(t("assumptions.files.intro", lang))
    download_row(
        [
            Download("xlsx", t("assumptions.files.download_xlsx", lang), partial(cache.parameters_xlsx, params, lang)),
            Download("yaml", t("assumptions.files.download_yaml", lang), partial(cache.parameters_yaml, params)),
            Download("csv", t("assumptions.files.download_csv", lang), partial(cache.parameters_csv, params)),
        ],
        t("assumptions.files.filename", lang),
        key="asm_download",
    )
    # No type= filter: Streamlit would refuse another suffix with an English exception; the
    # parser's own Swedish message ("okänd filtyp") is clearer and keeps the app running.
    limit_mb = MAX_FILE_BYTES // 1_000_000
    file_uploader(
        t("assumptions.files.upload", lang),
        actions.UPLOAD,
        limit_mb,
        (),
        lang,
        on_change=actions.on_upload,
        help=t("assumptions.files.upload_help", lang, limit=limit_mb),
    )
    actions.show_problems("upload", params, lang)
