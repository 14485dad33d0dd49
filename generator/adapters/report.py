"""`roadmap report`: the council-session report of a roadmap as one PDF file.

`generate_report` is the whole pipeline for the report (load, validate, derive, render), for
the command and for whatever else publishes the report (the site build: see
`generator.adapters.site_reports`). A report is of one situation: the current one, or an
earlier one read from git (`read_timeline`, the history the site's pages read), chosen by
its date or by the declared session it was presented to (`choose_source`), with what changed
since the previous session. `add_report_parser` registers the command with `roadmap`'s
parser; its words are the `council` catalogue's `command.*` entries, its errors plain
sentences, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.figures.derive import derive_figures
from generator.figures.history import (
    SessionChanges,
    Situation,
    change_span,
    choose_situations,
    session_changes,
)
from generator.i18n import words
from generator.model import Roadmap
from generator.pipeline import EDITIONS, Edition, InvalidRoadmap, load_roadmap
from generator.rendering.council import (
    ChangesView,
    PdfEngineMissing,
    ReportOptions,
    UnknownAxisError,
    changes_view,
    render_pdf,
    report_view,
)
from generator.rendering.formatting import format_date
from generator.validation.versions import read_history

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2  # as the other commands (generator/adapters/cli.py)
DEFAULT_OUT = "rapport.pdf"


class SituationUnavailableError(LookupError):
    """No situation of the roadmap matches what was asked (`--as-of`, `--session`): `message`
    says so in the roadmap's language, with the situations or sessions there are."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ReportSource:
    """What one report is made of: a situation of the roadmap (the current one, or one read
    from git), the session it is presented to, and what changed since the previous one."""

    situation: Situation
    session: str | None  # the session's title, for the cover
    changes: ChangesView | None  # None: no history to compare with
    previous: Situation | None = None  # the situation the changes start from


@dataclass(frozen=True)
class RoadmapTimeline:
    """The roadmap's situations (oldest first, the current one last) and its declared
    sessions with their situations; `available` is False without a git history."""

    current: Roadmap
    situations: tuple[Situation, ...]
    sessions: tuple[SessionChanges, ...]
    renamed: dict[str, str]
    available: bool


def read_timeline(roadmap_dir: Path, edition: Edition = "public", *,
                  history: bool = True) -> RoadmapTimeline:  # fmt: skip
    """The current roadmap, validated (else `InvalidRoadmap`), with the situations git holds
    of its past when `history` is asked and the roadmap is in a repository (read as the site's
    history pages read them, with the same disk cache)."""
    result = load_roadmap(roadmap_dir, edition)
    if result.errors or result.roadmap is None:
        raise InvalidRoadmap(result)
    current = result.roadmap
    if not history:
        only = (Situation.of_roadmap(current),)
        return RoadmapTimeline(current, only, session_changes(current.sessions, only, {}), {},
                               available=False)  # fmt: skip
    read = read_history(roadmap_dir, include_internal=edition == "internal", current=current)
    situations, _, renamed = choose_situations(read, current)
    sessions = session_changes(current.sessions, situations, renamed)
    return RoadmapTimeline(current, situations, sessions, renamed, available=read.available)


def _changes(timeline: RoadmapTimeline, before: Situation | None,
             after: Situation) -> ChangesView | None:  # fmt: skip
    if not timeline.available:
        return None
    roadmap = timeline.current
    span = change_span(before, after, timeline.renamed) if before is not None else None
    return changes_view(span, roadmap.language, roadmap.currency)


def session_source(timeline: RoadmapTimeline, session: SessionChanges) -> ReportSource | None:
    """The report of a declared session: its situation and what changed since the previous
    session's (None when the session comes before any situation)."""
    if session.span is None:
        return None
    span = session.span
    changes = (changes_view(span, timeline.current.language, timeline.current.currency)
               if timeline.available else None)  # fmt: skip
    return ReportSource(span.after, session.session.title, changes, span.before)


def current_source(timeline: RoadmapTimeline) -> ReportSource:
    """The report of the current situation: presented to the last declared session that
    reports on it, with the changes since the previous session's situation; without such a
    session, the changes since the previous situation."""
    for session in reversed(timeline.sessions):
        if session.span is not None and session.span.after.commit is None:
            found = session_source(timeline, session)
            if found is not None:
                return found
    # The roadmap being built (no commit): the newest situation, unless its date went back.
    index = next(i for i, s in enumerate(timeline.situations) if s.commit is None)
    current = timeline.situations[index]
    before = timeline.situations[index - 1] if index > 0 else None
    return ReportSource(current, None, _changes(timeline, before, current), before)


def choose_source(timeline: RoadmapTimeline, *, as_of: dt.date | None = None,
                  session: str | None = None) -> ReportSource:
    """The situation a report is asked for: a declared session (by title or ISO date), a
    situation date, or the current situation. Raises `SituationUnavailableError`, whose
    message lists what there is. Without declared sessions, `session` is a free title for
    the cover."""
    roadmap = timeline.current
    language = roadmap.language
    w = words(language, "council")
    source: ReportSource | None = None
    if session is not None and timeline.current.sessions:
        wanted = session.strip().casefold()
        found = [s for s in timeline.sessions
                 if wanted in (s.session.title.strip().casefold(), s.session.date.isoformat())]
        if not found:
            available = "; ".join(f"{s.date.isoformat()} ({s.title})" for s in roadmap.sessions)
            raise SituationUnavailableError(w("command.session_unknown", asked=session,
                                              available=available))  # fmt: skip
        source = session_source(timeline, found[-1])
        if source is None:
            raise SituationUnavailableError(w("command.session_no_situation",
                                              session=found[-1].session.title))  # fmt: skip
        if as_of is not None and source.situation.as_of != as_of:
            raise SituationUnavailableError(_unknown_date(timeline, as_of))
        return source
    if as_of is not None and as_of != roadmap.as_of:
        situation = next((s for s in timeline.situations if s.as_of == as_of), None)
        if situation is None:
            raise SituationUnavailableError(_unknown_date(timeline, as_of))
        index = timeline.situations.index(situation)
        before = timeline.situations[index - 1] if index > 0 else None
        source = ReportSource(situation, None, _changes(timeline, before, situation), before)
    else:
        source = current_source(timeline)
    if session is not None:  # a free title: no session is declared
        source = ReportSource(source.situation, session, source.changes, source.previous)
    return source


def _unknown_date(timeline: RoadmapTimeline, asked: dt.date) -> str:
    language = timeline.current.language
    available = ", ".join(f"{s.as_of.isoformat()} ({format_date(s.as_of, language)})"
                          for s in timeline.situations)  # fmt: skip
    return words(language, "council")("command.as_of_unknown", asked=asked.isoformat(),
                                      available=available)  # fmt: skip


def render_source(source: ReportSource, options: ReportOptions) -> bytes:
    """The PDF of `source` (raises `UnknownAxisError`, `PdfEngineMissing`)."""
    options = ReportOptions(session=source.session, axis=options.axis,
                            summary_only=options.summary_only, edition=options.edition)
    figures = derive_figures(source.situation.roadmap)
    return render_pdf(report_view(figures, options, source.changes))


def generate_report(roadmap_dir: Path, options: ReportOptions | None = None, *,
                    as_of: dt.date | None = None, history: bool = True) -> bytes:  # fmt: skip
    """The PDF report of the roadmap in `roadmap_dir`, in `options.edition`: of its current
    situation, or of the one `as_of` or `options.session` names, read from git, with what
    changed since the previous session when the roadmap's history can be read (`history`).

    Raises `InvalidRoadmap`, `SituationUnavailableError`, `UnknownAxisError` and
    `PdfEngineMissing`."""
    options = options or ReportOptions()
    edition: Edition = "internal" if options.edition == "internal" else "public"
    timeline = read_timeline(roadmap_dir, edition, history=history)
    source = choose_source(timeline, as_of=as_of, session=options.session)
    return render_source(source, options)


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
        print(error.message, file=sys.stderr)
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
