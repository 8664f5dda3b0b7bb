"""Seeded fuzzing of everything a user can send: 1 000 mutated parameter files and 1 000 mutated links.

Each input is a valid one (the default set as YAML, CSV or a workbook; a link
that the app itself would write) with a few random mutations: numbers
replaced by strange text (``6.500``, ``1e999``, ``nan``, ``True``, full-width
digits, ``1_000``), control characters, brackets, anchors and aliases, lines
and rows deleted or repeated, keys renamed, cells turned into formulas,
bytes flipped. The readers must, for every one of them:

* refuse it with a :class:`model.errors.ModelError` whose message is one
  line of plain text (no traceback), or
* accept it, and then every value is finite and inside its domain and its
  range, every price year is 2000–2100, every text is plain text of bounded
  length, the baseline holds and the model runs to finite numbers.

For links, every value the URL check lets through is a number inside the
lever's bounds (or a known language, municipality or measure), and every
message it gives is Markdown that shows the link's text literally.

The seed is fixed, so a failure is reproducible; ``FUZZ_SEED`` and
``FUZZ_CASES`` change them for a longer hunt. About half a minute on the CI
machine.
"""

from __future__ import annotations

import io
import math
import os
import random
import re
import zipfile
from collections import Counter
from xml.sax.saxutils import escape

import pytest

import model
from model.analysis.calibration import check_baseline
from model.errors import ModelError
from model.files.parameter_csv import parameters_to_csv
from model.files.parameter_files import parameters_from_bytes
from model.files.parameter_xlsx import parameters_to_xlsx
from model.files.parameter_yaml import parameters_to_yaml
from model.files.scenario_json import lever_of_text
from model.levers import LEVER_KEYS, MIX_PREFIX, lever_bounds, parameter_bounds
from model.parameters import DOMAINS, PRICE_YEAR_RANGE
from model.plain_text import MAX_LONG_TEXT_CHARS, forbidden_character
from model.text.i18n import LANGUAGES
from ui import share

SEED = int(os.environ.get("FUZZ_SEED", "15"))
CASES = int(os.environ.get("FUZZ_CASES", "1000"))
DEFAULT = model.load_parameters()
SCENARIO = model.Scenario(shift_sek_per_year=10e6)

STRANGE_NUMBERS = (
    "6.500", "6,500", "1.234.567", "1e999", "-1e999", "nan", "NaN", "inf", "-inf", "True", "true", "yes", "",
    " ", "１２", "1_000", "0x10", "1e-400", "-0", "+5", "−5", "5 000", "5\u00a0000,5", "1,5", "1.5", "12,", ",5",
    "9" * 400, "1e12", "-3", "3000", "0.0000001", "٣", "0,1", "'=1+1", "=1+1", "1;2",
)
STRANGE_TEXT = (
    "\x00", "\x07", "\x0b", "\x1b[2J", "\ud800", "\ufffe", "\u202e", "![](http://127.0.0.9/x.png)",
    "[a](http://127.0.0.9)", "<img src=x>", "=HYPERLINK(\"http://x\")", "x" * 5000, "&a", "*a", "{", "[", "]",
    ": ", "- ", "#", "'", '"', "\\", "\n", "\r\n", "\t",
)


# --- mutations -----------------------------------------------------------------------------------------


def mutate_text(text: str, rng: random.Random) -> str:
    """A few random edits of a text file: numbers, strange text, structure."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(8)
        i = rng.randrange(len(lines))
        if op == 0:  # a number replaced
            lines[i] = re.sub(r"-?\d+(?:[.,]\d+)?", rng.choice(STRANGE_NUMBERS), lines[i], count=1)
        elif op == 1:  # strange text inserted
            at = rng.randint(0, len(lines[i]))
            lines[i] = lines[i][:at] + rng.choice(STRANGE_TEXT) + lines[i][at:]
        elif op == 2:
            del lines[i]
        elif op == 3:
            lines.insert(i, lines[i])
        elif op == 4:  # nesting
            lines[i] = lines[i] + " " + "[" * rng.choice((3, 10, 100, 5000))
        elif op == 5:  # an anchor and an alias
            lines[i] = lines[i].replace(": ", ": &x ", 1)
            lines.insert(rng.randrange(len(lines)), "z: *x")
        elif op == 6:  # a key renamed or repeated
            lines[i] = re.sub(r"^(\s*-?\s*)\w+:", r"\1value:", lines[i])
        else:  # truncated
            lines = lines[: max(1, i)]
        if not lines:
            lines = [""]
    return "\n".join(lines)


def mutate_workbook(parts: dict[str, bytes], rng: random.Random) -> bytes:
    """A few random edits of the parameter workbook's sheet XML (or its bytes), zipped again.

    Edited as XML rather than through openpyxl: a hundred times faster, and it
    can write what openpyxl never would (a cell with a formula, a row twice).
    """
    sheet = "xl/worksheets/sheet1.xml" if rng.random() < 0.7 else rng.choice(sorted(p for p in parts if "sheet" in p))
    xml = parts[sheet].decode("utf-8")
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        # Only the matches the edit uses are listed: each list is a search of the whole sheet's XML.
        texts = list(re.finditer(r"<t>[^<]*</t>", xml)) if op == 5 else []
        if op == 5 and texts:  # a text cell: strange text, or a number written as text
            m = rng.choice(texts)
            xml = xml[: m.start()] + f"<t>{escape(rng.choice(STRANGE_TEXT + STRANGE_NUMBERS))}</t>" + xml[m.end():]
            continue
        values = list(re.finditer(r"<v>[^<]*</v>", xml)) if op < 3 else []
        rows = list(re.finditer(r"<row [^>]*>.*?</row>", xml)) if op >= 3 or not values else []
        if op == 0 and values:  # a number replaced by text typed as a number
            m = rng.choice(values)
            xml = xml[: m.start()] + f"<v>{rng.choice(STRANGE_NUMBERS)}</v>" + xml[m.end():]
        elif op == 1 and values:
            m = rng.choice(values)
            xml = xml[: m.start()] + f"<v>{rng.choice(('1e300', '-1', '3000', 'NaN', '1e999'))}</v>" + xml[m.end():]
        elif op == 2 and values:  # a formula
            m = rng.choice(values)
            xml = xml[: m.start()] + "<f>1+1</f><v>2</v>" + xml[m.end():]
        elif op == 3 and rows:
            m = rng.choice(rows)
            xml = xml[: m.start()] + xml[m.end():]
        elif rows:  # a row twice
            m = rng.choice(rows)
            xml = xml[: m.end()] + m.group(0) + xml[m.end():]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, data in parts.items():
            zf.writestr(name, xml.encode("utf-8", "surrogatepass") if name == sheet else data)
    data = buf.getvalue()
    if rng.random() < 0.1:  # bytes flipped: a broken zip
        raw = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        data = bytes(raw)
    return data


def parameter_files(rng: random.Random, n: int) -> list[tuple[str, bytes]]:
    yaml_text = parameters_to_yaml(DEFAULT)
    csv_text = parameters_to_csv(DEFAULT).decode("utf-8-sig")
    comma_csv = csv_text.replace(",", ".").replace(";", ",")
    with zipfile.ZipFile(io.BytesIO(parameters_to_xlsx(DEFAULT))) as zf:
        workbook = {name: zf.read(name) for name in zf.namelist()}
    out = []
    for i in range(n):
        kind = i % 10
        if kind < 4:
            out.append((f"fuzz{i}.yaml", mutate_text(yaml_text, rng).encode("utf-8", "surrogatepass")))
        elif kind < 7:
            base = csv_text if rng.random() < 0.7 else comma_csv
            out.append((f"fuzz{i}.csv", mutate_text(base, rng).encode("utf-8", "surrogatepass")))
        else:
            out.append((f"fuzz{i}.xlsx", mutate_workbook(workbook, rng)))
    return out


# --- what an accepted set must satisfy -----------------------------------------------------------------


def check_accepted(params: model.Parameters) -> None:
    """Every value finite, in its domain and range; price years bounded; text plain and bounded."""
    low_year, high_year = PRICE_YEAR_RANGE
    assert low_year <= params.price_year <= high_year and isinstance(params.price_year, int)
    assert len(params.name) <= 120 and forbidden_character(params.name) is None
    for p in params.parameters:
        lo, hi, integer = DOMAINS.get(p.kind, (-math.inf, math.inf, False))
        for x in (p.value, p.low, p.high):
            assert isinstance(x, float) and math.isfinite(x) and lo <= x <= hi, (p.name, x)
            assert not integer or x == round(x)
        assert p.low <= p.value <= p.high, p.name
        assert p.price_year is None or low_year <= p.price_year <= high_year
        for text in (p.unit, p.source, p.status, p.confidence, p.distribution):
            assert len(text) <= MAX_LONG_TEXT_CHARS and forbidden_character(text, multiline=True) is None
    for m in params.measures:
        assert 0 <= m.default_share <= 1 and not isinstance(m.default_share, bool)
        for text in (m.label_sv, m.label_en):
            assert len(text) <= 120 and forbidden_character(text) is None
    check_baseline(params)
    summary = model.run(params, SCENARIO).summary
    assert all(math.isfinite(v) for v in (summary["npv_sek"], summary["net_total_sek"]))


def test_a_thousand_mutated_parameter_files_are_refused_with_a_message_or_valid():
    rng = random.Random(SEED)
    outcomes: Counter[str] = Counter()
    for filename, data in parameter_files(rng, CASES):
        try:
            params = parameters_from_bytes(data, filename, template=DEFAULT)  # as the app reads an upload
        except ModelError as exc:
            text = str(exc)
            assert text and "Traceback" not in text and len(text) < 2000, (filename, text[:300])
            outcomes["refused " + filename.rsplit(".", 1)[1]] += 1
            continue
        check_accepted(params)
        outcomes["accepted " + filename.rsplit(".", 1)[1]] += 1
    assert sum(outcomes.values()) == CASES
    # The mutations must reach both outcomes for every format (else the fuzzing tests nothing).
    for suffix in ("yaml", "csv", "xlsx"):
        assert outcomes["refused " + suffix] and outcomes["accepted " + suffix], outcomes


# --- links ---------------------------------------------------------------------------------------------


def mutated_link(rng: random.Random) -> dict[str, list[str]]:
    """The query of a link the app writes, with a few values or keys mutated (or repeated)."""
    session = {"shift_mnkr": 12.5, "ramp_years": 3, "horizon": 8, "start_year": 2029, "discount_pct": 3.0}
    query = {k: [v] for k, v in share.share_query(session, DEFAULT, rng.choice(LANGUAGES)).items()}
    keys = [*LEVER_KEYS, "lang", "kommun", "scenario", *(MIX_PREFIX + m for m in DEFAULT.measure_ids)]
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(5)
        key = rng.choice(keys)
        if op == 0:
            query[key] = [rng.choice(STRANGE_NUMBERS)]
        elif op == 1:
            query[key] = [rng.choice(STRANGE_TEXT)]
        elif op == 2:
            query[key] = [rng.choice(STRANGE_NUMBERS), rng.choice(STRANGE_NUMBERS)]  # given twice
        elif op == 3:
            query[MIX_PREFIX + rng.choice(STRANGE_TEXT)] = [rng.choice(STRANGE_NUMBERS)]  # an unknown measure
        else:
            query[key] = [str(rng.uniform(-1e6, 1e6))]
    return query


UNESCAPED = re.compile(r"(?<!\\)(?:\]\(|<[a-zA-Z!/]|!\[|:material/|https?:(?!\u2060))")


def test_a_thousand_mutated_links_give_messages_or_values_in_bounds():
    rng = random.Random(SEED + 1)
    params = DEFAULT
    bounds = parameter_bounds(params)
    for _ in range(CASES):
        query = mutated_link(rng)
        found = share.check_query(query, session={})
        kept = {k: v[0] for k, v in query.items() if k not in found.remove and len(v) == 1}
        horizon = int(lever_of_text("horizon", kept["horizon"], 10)) if "horizon" in kept else 10
        for key, text in kept.items():
            if key == "lang":
                assert text in LANGUAGES
            elif key == "kommun":
                assert text in model.presets()
            elif key in LEVER_KEYS or key.startswith(MIX_PREFIX):
                assert key[len(MIX_PREFIX):] in params.measure_ids or not key.startswith(MIX_PREFIX)
                value = lever_of_text(key, text, horizon)  # the value the sidebar will get: refused above if bad
                low, high, _ = lever_bounds(key, horizon)
                assert low <= value <= high and math.isfinite(value), (key, text)
                if key in bounds:
                    assert bounds[key][0] <= value <= bounds[key][1], (key, text)
        for m in found.messages:
            for language in LANGUAGES:
                text = share.message_text(m, language, params)
                assert not UNESCAPED.search(text), text
                assert forbidden_character(text, multiline=True) is None or "\\" in text


@pytest.mark.parametrize("text", STRANGE_TEXT + STRANGE_NUMBERS)
def test_every_strange_text_is_escaped_in_a_message(text):
    m = {"code": "bad_choice", "field": "kommun", "value": text}
    assert not UNESCAPED.search(share.message_text(m, "sv", DEFAULT))
