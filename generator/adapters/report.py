"""`roadmap report`: the council-session report of a roadmap as one PDF file.

`generate_report` is the whole pipeline for the report (load, validate, derive, render), for
the command and for whatever else publishes the report (the site build, the publishing
workflows). `add_report_parser` registers the command with `roadmap`'s parser; its words
are the `council` catalogue's `command.*` entries, its errors plain sentences, never a
traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator.figures.derive import derive_figures
from generator.i18n import words
from generator.pipeline import EDITIONS, Edition, InvalidRoadmap, load_roadmap
from generator.rendering.council import (
    PdfEngineMissing,
    ReportOptions,
    UnknownAxisError,
    render_pdf,
    report_view,
)

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2  # as the other commands (generator/adapters/cli.py)
DEFAULT_OUT = "rapport.pdf"


class SituationUnavailableError(LookupError):
    """A situation date other than the roadmap's current one: earlier situations need the
    history of the roadmap, which the report cannot read yet."""

    def __init__(self, asked: dt.date, current: dt.date) -> None:
        super().__init__(asked.isoformat())
        self.asked = asked
        self.current = current


def generate_report(
    roadmap_dir: Path,
    options: ReportOptions | None = None,
    *,
    as_of: dt.date | None = None,
    changes: Sequence[str] | None = None,
) -> bytes:
    """The PDF report of the roadmap in `roadmap_dir`, in `options.edition`.

    `as_of`, when given, must be the roadmap's own situation date for now (else
    `SituationUnavailableError`); `changes` is passed on to `report_view` (None: the report says
    the comparison with the previous session is not available). Raises `InvalidRoadmap`,
    `UnknownAxisError` and `PdfEngineMissing` as well."""
    options = options or ReportOptions()
    edition: Edition = "internal" if options.edition == "internal" else "public"
    result = load_roadmap(roadmap_dir, edition)
    if result.errors or result.roadmap is None:
        raise InvalidRoadmap(result)
    roadmap = result.roadmap
    if as_of is not None and as_of != roadmap.as_of:
        raise SituationUnavailableError(as_of, roadmap.as_of)
    return render_pdf(report_view(derive_figures(roadmap), options, changes))


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def cmd_report(args: argparse.Namespace) -> int:
    w = words(args.report_language, "council")
    roadmap_dir = Path(args.roadmap) if args.roadmap else (
        Path("roadmap") if Path("roadmap", "roadmap.yaml").exists() else Path())  # fmt: skip
    as_of = None
    if args.as_of is not None:
        try:
            as_of = _date(args.as_of)
        except ValueError:
            print(w("command.bad_date", value=args.as_of), file=sys.stderr)
            return EXIT_USAGE
    options = ReportOptions(session=args.session, axis=args.axis,
                            summary_only=args.summary_only, edition=args.edition)  # fmt: skip
    try:
        pdf = generate_report(roadmap_dir, options, as_of=as_of)
    except InvalidRoadmap as error:
        print(error.report(), file=sys.stderr)
        return EXIT_INVALID
    except SituationUnavailableError as error:
        print(w("command.as_of_mismatch", asked=error.asked.isoformat(),
                current=error.current.isoformat()), file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    except UnknownAxisError as error:
        print(w("command.unknown_axis", axis=error.axis_id, axes=", ".join(error.known)),
              file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    except PdfEngineMissing as error:
        print(w("command.engine_missing", detail=str(error)), file=sys.stderr)
        return EXIT_INVALID
    out = Path(args.out)
    try:
        out.write_bytes(pdf)
    except OSError as error:
        print(w("command.write_error", path=str(out), detail=error.strerror or str(error)),
              file=sys.stderr)  # fmt: skip
        return EXIT_INVALID
    print(w("command.written", path=str(out), size=len(pdf)))
    return EXIT_OK


def add_report_parser(commands: Any, language: str) -> None:
    """Register `roadmap report` with the subcommands of `roadmap`'s parser; `language` is
    the language of its help (the roadmap's, as for the other commands)."""
    w = words(language, "council")
    report = commands.add_parser("report", help=w("command.help"))
    report.add_argument("--roadmap", help=w("command.roadmap"))
    report.add_argument("--out", default=DEFAULT_OUT, help=w("command.out"))
    report.add_argument("--edition", choices=EDITIONS, default="public",
                        help=w("command.edition"))  # fmt: skip
    report.add_argument("--session", help=w("command.session"))
    report.add_argument("--as-of", metavar="YYYY-MM-DD", help=w("command.as_of"))
    report.add_argument("--axis", help=w("command.axis"))
    report.add_argument("--summary-only", action="store_true", help=w("command.summary_only"))
    report.set_defaults(handler=cmd_report, report_language=language)
