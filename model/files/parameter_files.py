"""Parameter files: one dispatcher by suffix above the formats (YAML, Excel workbook, CSV table).

``.yaml``/``.yml`` is the whole set (:mod:`model.files.parameter_yaml`),
``.xlsx`` the whole set as a workbook (:mod:`model.files.parameter_xlsx`) and
``.csv`` the parameter table alone, its measures from a template set
(:mod:`model.files.parameter_csv`). Every reader refuses a file over
:data:`~model.files.incoming.MAX_FILE_BYTES` first (read from a path: before
reading it, and anything but a regular file), then checks its structure before
the real parse (:mod:`model.yaml_text`, :mod:`model.files.parameter_xlsx`,
:mod:`model.files.parameter_csv`). The API, the command line and the app all
read files here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from model.area import Area, area_ids, load_area
from model.errors import ParameterError
from model.files.incoming import check_size, read_file
from model.files.parameter_csv import parameters_from_csv, parameters_to_csv
from model.files.parameter_xlsx import parameters_from_xlsx, parameters_to_xlsx
from model.files.parameter_yaml import parameters_from_yaml, parameters_to_yaml
from model.files.presets import DEFAULT_PRESET, load_preset
from model.parameters import Parameters

#: Writers by suffix: the set as the bytes of a file.
WRITERS: dict[str, Callable[[Parameters], bytes]] = {
    ".yaml": lambda p: parameters_to_yaml(p).encode("utf-8"),
    ".yml": lambda p: parameters_to_yaml(p).encode("utf-8"),
    ".xlsx": parameters_to_xlsx,
    ".csv": parameters_to_csv,
}


def load_parameters(
    path: str | Path | None = None, preset: str = DEFAULT_PRESET, *, area: Area | str | None = None
) -> Parameters:
    """Load a parameter set.

    Parameters
    ----------
    path : str or Path, optional
        A whole-set file: ``.yaml``/``.yml``, an ``.xlsx`` workbook, or a
        ``.csv`` parameter table (measures from the default preset). Without
        it, the embedded preset is loaded.
    preset : str
        Preset id in ``data/presets`` (``"default"``: ~100 000 inhabitants).
    area : Area or str, optional
        The set's area: an id of ``data/areas/`` (``"employment"``: financial
        assistance), whose preset *preset* is loaded (``"default"`` is the
        area's default), or an :class:`~model.area.Area` for a file whose area
        is not in ``data/areas/`` (a YAML or workbook file names its area by
        id; default: the children's area).

    Returns
    -------
    params : Parameters
        A validated parameter set.

    Raises
    ------
    ParameterError
        A broken file; the message names the parameter or row and the problem.
    """
    if isinstance(area, str):
        if path is None:
            return load_preset(preset, area)
        area = load_area(area)
    if path is None:
        return load_preset(preset)
    path = Path(path)
    # A CSV table holds parameters only: its measures are the area's preset's (the children's by default).
    csv = path.suffix.lower() == ".csv"
    template = load_preset(preset, area.id) if csv and area is not None and area.id in area_ids() else None
    return parameters_from_bytes(read_file(path), path.name, template, area=area)


def parameters_from_bytes(
    data: bytes, filename: str, template: Parameters | None = None, *, area: Area | None = None
) -> Parameters:
    """Parse an uploaded or read file by its suffix.

    *template* supplies the catalogue of measures for a CSV table (which holds
    parameters only); default: the embedded default preset. *area* overrides
    the area a YAML file or workbook names.
    """
    try:
        check_size(data, filename)
        suffix = Path(filename).suffix.lower()
        if suffix in (".yaml", ".yml"):
            return parameters_from_yaml(data, filename, area=area)
        if suffix == ".xlsx":
            return parameters_from_xlsx(data, filename, template=template, area=area)
        if suffix == ".csv":
            return parameters_from_csv(data, filename, template=template)
        raise ParameterError(filename, "bad_file", reason="unknown_type", suffix=suffix or filename)
    except ParameterError as exc:
        raise in_file(exc, filename) from None


def in_file(exc: ParameterError, filename: str) -> ParameterError:
    """*exc* naming the file it is about (the detail ``file``), unless it does already."""
    if "file" in exc.details or exc.field.startswith(filename):
        return exc
    return ParameterError(exc.field, exc.code, **{**exc.details, "file": filename})


def save_parameters(params: Parameters, path: str | Path) -> Path:
    """Write *params* to *path*; the format follows the suffix (.yaml/.yml, .xlsx, .csv)."""
    path = Path(path)
    writer = WRITERS.get(path.suffix.lower())
    if writer is None:
        raise ParameterError(str(path), "bad_file", reason="unknown_type", suffix=path.suffix.lower() or path.name)
    path.write_bytes(writer(params))
    return path
