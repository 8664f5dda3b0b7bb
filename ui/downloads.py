"""Download buttons: files built on click (a callable), never on a rerun.

A file that cannot be built never fails silently: the error is logged on the
server with an error id, and the download delivers a file of the same kind
that says so, in the user's language, with that id (:func:`guarded`).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from typing import NamedTuple

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from model.files.spreadsheet import message_workbook
from model.text.i18n import t
from ui import state
from ui.errors import LOG

MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "yaml": "application/yaml",
    "json": "application/json",
    "pdf": "application/pdf",
}


class Download(NamedTuple):
    """One file: its suffix, the button's label and a function that builds the bytes."""

    suffix: str
    label: str
    build: Callable[[], bytes | str]


def download_button(
    where: DeltaGenerator,
    file: Download,
    file_name: str,
    key: str,
    *,
    icon: str = ":material/download:",
    width: str = "stretch",
    primary: bool = False,
) -> None:
    """One download button for *file*, named ``file_name.suffix``."""
    where.download_button(
        file.label,
        data=guarded(file, state.language()),
        file_name=f"{file_name}.{file.suffix}",
        mime=MIME[file.suffix],
        on_click="ignore",
        key=f"{key}_{file.suffix}",
        icon=icon,
        width=width,  # type: ignore[arg-type]
        type="primary" if primary else "secondary",
    )


def download_row(files: Sequence[Download], file_name: str, key: str) -> None:
    """A row of download buttons, one column each."""
    columns = st.columns(len(files))
    for column, file in zip(columns, files, strict=False):
        download_button(column, file, file_name, key)


def guarded(file: Download, language: str) -> Callable[[], bytes | str]:
    """*file*'s builder, which on an error logs it and returns a file that says what happened."""

    def build() -> bytes | str:
        try:
            return file.build()
        except Exception as exc:
            error_id = secrets.token_hex(4)
            LOG.error("export %s failed: error %s", file.suffix, error_id, exc_info=exc)
            text = t("download.failed", language, id=error_id)
            return message_workbook("Fel", text) if file.suffix == "xlsx" else text + "\n"

    return build
