"""Command line: run a scenario and write its yearly table, list presets and measures, start the app.

python -m model run --shift-mnkr 10 --output resultat.xlsx
python -m model run --area employment --shift-mnkr 5 --mix ips=0.5,workplace_training=0.5 -o bistand.csv
python -m model areas               # the areas of the committee's work
omstallningskalkylen app            # the Streamlit app of this copy (a checkout or an installed package)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import model
from model.area import DEFAULT_AREA, area_ids, load_area
from model.catalogue import default_mix, embedded_default_mix
from model.errors import ParameterError, shorten
from model.evidence import DEFAULT_EVIDENCE_LEVEL, level_ids
from model.files.readme_section import readme_section, write_readme
from model.files.result_export import to_csv_bytes, to_xlsx_bytes
from model.prices import DEFAULT_PRICE_BASIS, PRICE_BASES
from model.resources import APP_PATH, ROOT
from model.scenario import DEFAULT_FIRST_YEAR, DEFAULT_HORIZON, MAX_HORIZON
from model.text.i18n import LANGUAGES, fmt_mnkr, t
from model.text.numbers import parse_number


def parse_mix(text: str) -> dict[str, float]:
    """'family_homes=0.4,parent_training=0.6' -> {'family_homes': 0.4, ...}.

    Shares are read by the one number parser with a decimal point (the comma
    separates the measures); a measure named twice is refused, never "the last
    one wins".
    """
    mix: dict[str, float] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        key = key.strip()
        if not sep:
            raise ValueError(f"mix: '{shorten(part)}' is not of the form measure=share")
        if key in mix:
            raise ValueError(f"mix: the measure '{shorten(key)}' is named more than once")
        mix[key] = parse_number(value, f"mix: share of '{shorten(key)}'", decimal=".")
    return mix


def number_option(text: str) -> float:
    """An argparse type: a number read by the one parser (``10``, ``2.5``, ``1e6``; ``6,500`` is ambiguous)."""
    try:
        return parse_number(text, "number", decimal=None)
    except ParameterError as exc:
        raise argparse.ArgumentTypeError(str(exc).removeprefix("number: ")) from None


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``python -m model`` (``omstallningskalkylen``): run, presets, measures, app."""
    parser = argparse.ArgumentParser(
        prog="python -m model",
        description="Omställningskalkylen: cost of moving money from external placements to prevention.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    _add_run(sub)
    sub.add_parser("areas", help="list the areas of the committee's work (data/areas/)")
    presets = sub.add_parser("presets", help="list the embedded municipality presets of an area")
    _add_area(presets)
    meas = sub.add_parser("measures", help="list the measures (levers) of a parameter set")
    _add_area(meas)
    meas.add_argument("--preset", default="default")
    meas.add_argument("--parameters", type=Path, default=None)
    readme = sub.add_parser(
        "readme",
        help="print the README's generated inputs and national comparison (from a run of each preset)",
    )
    readme.add_argument("--write", action="store_true", help="write it into README.md between its markers")
    sub.add_parser(
        "app",
        help="start the app in a browser (further arguments go to 'streamlit run', e.g. --server.port 8502)",
    )
    return parser


def _add_area(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--area", default=None, help=f"area of the committee's work (default {DEFAULT_AREA}; see 'areas')"
    )
    parser.add_argument(
        "--language", choices=LANGUAGES, default="sv", help="language of column labels and messages (default sv)"
    )


def _add_assumptions(run: argparse.ArgumentParser) -> None:
    """The options of a run that change how its money and effects are counted."""
    run.add_argument(
        "--evidence-level",
        choices=level_ids(),
        default=DEFAULT_EVIDENCE_LEVEL,
        help=f"which documented set of effect sizes to use (default {DEFAULT_EVIDENCE_LEVEL}; "
        "see data/evidence_levels.yaml)",
    )
    run.add_argument(
        "--discount-rate",
        type=number_option,
        default=None,
        help="real discount rate, e.g. 0.035 (default: the parameter set's)",
    )
    run.add_argument(
        "--count-municipal-tax",
        action="store_true",
        help="count the municipal tax on the earnings of those kept off assistance in the net (areas with it)",
    )


def _add_run(sub: argparse._SubParsersAction) -> None:
    default_mix = ",".join(f"{k}={v}" for k, v in embedded_default_mix().items())
    run = sub.add_parser(
        "run",
        help="run one scenario and write its yearly table",
        description="Run baseline and one scenario and write the yearly table to CSV or XLSX.",
    )
    run.add_argument(
        "--shift-mnkr",
        type=number_option,
        default=0.0,
        help="million SEK moved each year from external placements to prevention at full ramp-up "
        "(default 0: no change); at most the external-placement budget of the first year",
    )
    run.add_argument(
        "--mix",
        default=None,
        help=f"share of the amount per measure, 'id=share,...' summing to 1 (default: the area's default mix, "
        f"for {DEFAULT_AREA} {default_mix}); ids are listed by 'measures --area ...'",
    )
    run.add_argument("--ramp-years", type=int, default=1, help="years until the full amount is reached (default 1)")
    run.add_argument(
        "--start-year", type=int, default=None, help="first year of the shift (default: the first model year)"
    )
    run.add_argument(
        "--first-year", type=int, default=DEFAULT_FIRST_YEAR, help=f"first model year (default {DEFAULT_FIRST_YEAR})"
    )
    run.add_argument(
        "--horizon", type=int, default=DEFAULT_HORIZON, help=f"years, 1-{MAX_HORIZON} (default {DEFAULT_HORIZON})"
    )
    run.add_argument(
        "--preset", default="default", help="embedded municipality preset (default 'default'; see 'presets')"
    )
    run.add_argument(
        "--parameters", type=Path, default=None, help="a parameter file (.yaml, .xlsx or .csv) instead of a preset"
    )
    _add_assumptions(run)
    _add_money_options(run)
    run.add_argument("--name", default="", help="scenario name shown in the workbook")
    _add_area(run)
    run.add_argument(
        "--output",
        "-o",
        type=Path,
        required=True,
        help="output file; .xlsx writes a workbook (summary, results, assumptions, mechanisms, data), .csv a table",
    )


def _add_money_options(run: argparse.ArgumentParser) -> None:
    """The options of when the money stops and which prices."""
    run.add_argument(
        "--end-year",
        type=int,
        default=None,
        help="last year with money (default: the last model year); the measures then stop after their notice",
    )
    run.add_argument(
        "--price-basis",
        choices=PRICE_BASES,
        default=DEFAULT_PRICE_BASIS,
        help="fixed: constant prices of the price year (fasta priser, default); current: each year's prices "
        "(löpande priser), each cost kind raised by its index, discounted at the nominal rate; "
        "the amount moved is in the chosen basis's kronor",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (2 for bad input, with a message naming the field)."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if args.command == "app":
        return start_app(extra)
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command == "areas":
        for area_id in area_ids():
            area = load_area(area_id)
            print(f"{area.id}\t{area.label_sv}\t{area.label_en}")
        return 0
    try:
        area_id = _area(args)
        if args.command == "presets":
            for pid, name in model.presets(area_id).items():
                print(f"{pid}\t{name}")
            return 0
        if args.command == "readme":
            return _readme(args.write)
        params = model.load_parameters(args.parameters, preset=args.preset, area=area_id)
        if args.command == "measures":
            for m in params.measures:
                print(f"{m.id}\t{m.mechanism}\t{m.label_en}")
            return 0
        return _run(args, params)
    except (ValueError, OSError) as exc:
        # Bad input or a file that cannot be written: a message naming it, never a traceback.
        print(f"error: {_one_line(exc)}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug: still no traceback for the user, but say what kind
        print(f"error: internal error ({type(exc).__name__}); please report it", file=sys.stderr)
        return 1


def _readme(write: bool) -> int:
    """Print the README's generated section, or write it into the checkout's README.md."""
    if not write:
        print(readme_section())
        return 0
    path = ROOT / "README.md"
    print(f"{path}: {'updated' if write_readme(path) else 'already up to date'}")
    return 0


def _area(args: argparse.Namespace) -> str:
    """The area of the command (``--area``), checked: an unknown one is a message naming the field."""
    if getattr(args, "area", None) is None:  # a command without --area (readme) is about the default
        return DEFAULT_AREA
    if args.area not in area_ids():
        raise ValueError(t("cli.unknown_area", args.language, value=shorten(args.area), known=", ".join(area_ids())))
    return str(args.area)


def _mix(args: argparse.Namespace, params: model.Parameters) -> dict[str, float]:
    """The run's mix: ``--mix`` or the area's default; a measure the area's catalogue lacks is named."""
    if args.mix is None:
        return default_mix(params.measures)
    mix = parse_mix(args.mix)
    for key in mix:
        if key not in params.measure_ids:
            raise ValueError(t("cli.measure_not_in_area", args.language, value=shorten(key), area=params.area.id,
                               known=", ".join(params.measure_ids)))
    return mix


def _one_line(exc: BaseException) -> str:
    """An error as one line of at most 300 characters (an OSError with its file)."""
    if isinstance(exc, OSError) and not isinstance(exc, ValueError):
        where = f"{exc.filename}: " if exc.filename else ""
        text = f"{where}{exc.strerror or type(exc).__name__}"
    else:
        text = str(exc)
    return " ".join(text.split())[:300]


def _run(args: argparse.Namespace, params: model.Parameters) -> int:
    suffix = args.output.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValueError(f"output: unknown file type '{shorten(suffix)}', use .csv or .xlsx")
    scenario = model.Scenario(
        shift_sek_per_year=args.shift_mnkr * 1e6,
        mix=_mix(args, params),
        ramp_years=args.ramp_years,
        start_year=args.start_year,
        first_year=args.first_year,
        horizon_years=args.horizon,
        discount_rate=args.discount_rate,
        evidence_level=args.evidence_level,
        name=args.name,
        price_basis=args.price_basis,
        end_year=args.end_year,
        count_municipal_tax=args.count_municipal_tax,
    )
    result = model.run(params, scenario)
    data = to_xlsx_bytes(result, args.language) if suffix == ".xlsx" else to_csv_bytes(result, args.language)
    try:
        args.output.write_bytes(data)
    except OSError as exc:
        raise ValueError(f"output: cannot write {args.output} ({exc.strerror or type(exc).__name__})") from None
    s = result.summary
    print(
        f"wrote {args.output} ({len(result.yearly)} years, evidence level {scenario.evidence_level}, "
        f"{scenario.price_basis} prices); "
        f"net {fmt_mnkr(s.net_total_sek, 'en')}, NPV {fmt_mnkr(s.npv_sek, 'en')}, "
        f"payback {s.payback_year or 'not within horizon'}"
    )
    return 0


def start_app(streamlit_args: Sequence[str] = ()) -> int:
    """Start the Streamlit app of this copy of the model (``streamlit run app.py``).

    Streamlit reads the app's own settings from ``.streamlit/config.toml``
    next to ``app.py``. In an installed package the scenario store's SQLite
    file is ``var/scenarios.db`` in the current folder unless
    ``OMSTALLNING_DB_URL`` names a database. On POSIX systems this process
    becomes the server (so a service manager's signals reach it); elsewhere
    the server runs as a child and its exit status is returned.
    """
    command = [sys.executable, "-m", "streamlit", "run", str(APP_PATH), *streamlit_args]
    if os.name == "posix":
        os.execv(sys.executable, command)
    return subprocess.call(command)
