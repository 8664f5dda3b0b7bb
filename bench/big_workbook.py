"""A parameter workbook of a million rows that is still under the 5 MB upload limit (xlsx is compressed).

The default parameter set's own workbook, with rows appended to its
"Parametrar" sheet: what an upload that freezes a server looks like. Built by
writing the sheet's XML straight into the zip (seconds; openpyxl would take
minutes) and kept in a temporary folder for the next run.

    python bench/big_workbook.py [ROWS]     # writes it and prints its path and sizes
"""

from __future__ import annotations

import io
import re
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import model
from model.files.parameter_xlsx import parameters_to_xlsx

ROWS = 1_000_000


def _sheet_path(z: zipfile.ZipFile, title: str) -> str:
    """The zip member of the sheet called *title*."""
    book = z.read("xl/workbook.xml").decode()
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet [^>]*name="{title}"[^>]*r:id="([^"]+)"', book).group(1)
    target = re.search(rf'<Relationship [^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels)
    if target is None:  # attribute order differs
        target = re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels)
    return "xl/" + target.group(1).lstrip("/").removeprefix("xl/")


def big_workbook(rows: int = ROWS) -> bytes:
    """The default set's workbook with its parameter sheet grown to *rows* rows."""
    source = io.BytesIO(parameters_to_xlsx(model.load_parameters(), "sv"))
    out = io.BytesIO()
    with zipfile.ZipFile(source) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as w:
        sheet = _sheet_path(z, "Parametrar")
        for item in z.infolist():
            data = z.read(item)
            if item.filename != sheet:
                w.writestr(item, data)
                continue
            xml = data.decode()
            first = len(re.findall(r"<row ", xml)) + 1
            xml = re.sub(r'<dimension ref="A1:([A-Z]+)\d+"', rf'<dimension ref="A1:\g<1>{rows}"', xml)
            head, tail = xml.split("</sheetData>")
            with w.open(item.filename, "w", force_zip64=True) as f:
                f.write(head.encode())
                # Rows and cells may leave out their address ("r"): readers count them. Identical rows
                # compress about a thousand to one, and a million of them unpack to 26 MB (under the
                # reader's bound on the unpacked size): only a bound on the rows stops this one.
                row = b"<row><c><v>1</v></c></row>"
                for start in range(first, rows + 1, 10_000):
                    f.write(row * (min(start + 10_000, rows + 1) - start))
                f.write(("</sheetData>" + tail).encode())
    return out.getvalue()


def cached_big_workbook(rows: int = ROWS) -> Path:
    """The workbook on disk (made once per temporary folder)."""
    path = Path(tempfile.gettempdir()) / f"omstallning-parametrar-{rows}-rader.xlsx"
    if not path.exists():
        path.write_bytes(big_workbook(rows))
    return path


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else ROWS
    p = cached_big_workbook(n)
    with zipfile.ZipFile(p) as z:
        unpacked = sum(i.file_size for i in z.infolist())
    print(f"{p}: {p.stat().st_size / 1e6:.1f} MB on disk, {unpacked / 1e6:.0f} MB unpacked, {n} rows")
