"""Parameter sets as YAML files: the whole set, complete and self-contained (safe loading only)."""

from __future__ import annotations

import yaml

from model.area import Area
from model.errors import ParameterError
from model.files.document import document_from_parameters, parameters_from_document
from model.files.incoming import decode_text
from model.parameters import Parameters
from model.yaml_text import read_yaml_text

HEADER = "# Omställningskalkylen parameter set — every value with unit, range and source.\n"


def parameters_to_yaml(params: Parameters) -> str:
    """The whole set as YAML text (complete, self-contained)."""
    return HEADER + yaml.safe_dump(document_from_parameters(params), allow_unicode=True, sort_keys=False, width=120)


def parameters_from_yaml(text: str | bytes, where: str = "file", area: Area | None = None) -> Parameters:
    """Parse a whole-set YAML text (safe loading only); *area* overrides the area the file names."""
    text = decode_text(text, where) if isinstance(text, bytes) else text
    if not text.strip():
        raise ParameterError(where, "bad_file", reason="empty")
    doc = read_yaml_text(text, where)
    if "extends" in doc:
        raise ParameterError("extends", "bad_file", reason="incomplete")
    return parameters_from_document(doc, area=area)
