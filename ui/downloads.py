"""Download buttons: files built on click (a callable), never on a rerun."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

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
        data=file.build,
        file_name=f"{file_name}.{file.suffix}",
        mime=MIME[file.suffix],
        on_click="ignore",
        key=f"{key}_{file.suffix}",
        icon=icon,
        width=width,  # type: ignore[arg-type]
        type="primary" if primary else "secondary",
    )


def download_row(files: Sequence[Download], file_name: str, key: str, spare: int = 0) -> None:
    """A row of download buttons, one column each (plus *spare* empty columns' width to the right)."""
    columns = st.columns([1] * len(files) + ([spare] if spare else []))
    for column, file in zip(columns, files, strict=False):
        download_button(column, file, file_name, key)
