"""The pull-request digest: what a change does to the roadmap, in plain words, as Markdown.

`render_changes` writes the changes that `generator.figures.changes.compare` lists as
sentences an elected official can read before a change is merged; `render_digest` also says
when a version cannot be read, quoting its errors. Every word comes from the `digest`
catalogue, every figure from the figures stage: this module only lays them out, and escapes
user text for Markdown. Nothing here runs git or reads the clock.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from generator.figures.changes import (
    AmountChange,
    Changes,
    ErrorExcerpt,
    MeasureChange,
    MilestoneChange,
    ReviewNote,
    announced_end,
    compare,
    error_excerpt,
)
from generator.i18n import words
from generator.model import Health
from generator.rendering.diagnostics import hint_text, message_text
from generator.rendering.formatting import format_amount, format_date, format_number, format_percent
from generator.rendering.labels import health_words, status_words
from generator.validation.versions import RoadmapVersion

# Thresholds given in percent; the others are in days.
_PERCENT_THRESHOLDS = {"budget_overrun_pct"}

# The longest digest, counted as GitHub counts (UTF-16 code units): a comment may hold 65,536,
# and the posting scripts add a marker and the commit checked. A longer digest loses its least
# important lines here, with a note saying so, rather than its end in the posting script.
MAX_DIGEST_LENGTH = 60_000
# A single text quoted from a file: a reviewer reads the rest in the pull request's diff.
MAX_QUOTED_TEXT = 1_000

# Control characters, and the bidirectional controls that make a text read differently from
# its bytes (Trojan Source): shown as a visible replacement character.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
# Backslash-escaped wherever they are: emphasis and strikethrough, links and images, raw HTML
# and comments, autolinks, entities (`&#64;` would become an @), code spans, tables, headings.
# An underscore inside a word (in_progress) is left alone: no forge reads it there. The ! of
# `<!--` too, so that no text can hold the digest's marker, even escaped.
_MARKDOWN_SPECIALS = re.compile(
    r"([\\`*\[\]<>#|&~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|(?<=<)!)"
)
# What GFM turns into a link without any bracket: `scheme://` (and `//`), and `www.`. (E-mail
# addresses, and `mailto:` with them, are kept from linking by the escaped @ below.)
_AUTOLINK_STARTS = re.compile(r"(?<=/)(/)|(?<=\b[Ww][Ww][Ww])(\.)")
# A mention (`@all`) notifies on GitHub and on GitLab even when backslash-escaped, because both
# look for it in the rendered text: an invisible word joiner after the @ keeps it from naming
# anyone, and from reading as an e-mail address. The @ itself is escaped for the same reason.
_MENTION = re.compile(r"@")
# An issue or merge-request reference (`#123`, `!123`, `group/project#12`, GitHub's `GH-123`)
# links, and notifies the issue it names with a cross-reference, on both forges. GitHub finds
# them in the rendered text, so neither `\\#123` nor `&#35;123` stops it (GitLab honours the
# backslash); the same invisible word joiner as for mentions does, between the sign and the
# number only, so that every other `#` or `!` copies as typed.
_REFERENCE = re.compile(r"(\\#|!|\b[Gg][Hh]-)(?=[0-9])")
# What opens a block when it starts a line: a list, a quote, a setext underline, a fence, a
# GitLab quick action (`/approve`). User text is never laid at the start of a line, but the
# function is safe wherever it is used.
_LINE_START = re.compile(r"\A(?:([-+=/])|(\d+)([.)]))")


def plain(text: str) -> str:
    """User text (or a file name) for a forge's Markdown, GitHub's and GitLab's alike: on one
    line, at most `MAX_QUOTED_TEXT` characters, with nothing that either forge would read as a
    heading, a list, an image, a link, HTML, a comment, a code span, a mention or a reference
    to an issue or a merge request.

    The one escaping function of the digest: every text that comes from the roadmap's files or
    from the command line goes through it before it reaches the Markdown."""
    text = " ".join(_INVISIBLE.sub("\ufffd", text).split())
    if len(text) > MAX_QUOTED_TEXT:
        text = text[: MAX_QUOTED_TEXT - 1] + "…"
    text = _MARKDOWN_SPECIALS.sub(lambda m: "\\" + m.group(0), text)
    text = _AUTOLINK_STARTS.sub(lambda m: "\\" + (m.group(1) or m.group(2)), text)
    text = _MENTION.sub("\\\\@\u2060", text)
    text = _REFERENCE.sub(lambda m: m.group(0) + "\u2060", text)
    return _LINE_START.sub(
        lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), text
    )


def forge_length(text: str) -> int:
    """The length of `text` as GitHub counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def _sentence(text: str) -> str:
    text = plain(text)
    return text if text.endswith((".", "!", "?", "…")) else text + "."


class _Writer:
    """Sentences in the roadmap's language, with its amounts and dates."""

    def __init__(self, language: str, currency: str) -> None:
        self.language = language
        self.currency = currency
        self.text = words(language, "digest")

    def count(self, key: str, number: int) -> str:
        return self.text.plural(f"count.{key}", number,
                                count=format_number(number, self.language))  # fmt: skip

    def date(self, value: dt.date) -> str:
        return format_date(value, self.language)

    def amount(self, value: float) -> str:
        return format_amount(value, self.language, self.currency)

    def days(self, count: int) -> str:
        return self.count("days", abs(count))

    def percent(self, value: float) -> str:
        return format_percent(value, self.language)

    def change(self, change: AmountChange, *, short: bool = False) -> str:
        """`+150 000 €, soit +11 %` (short: `+150 000 € (+11 %)`); the percentage only when
        there was something before."""
        amount = _sign(change.delta) + self.amount(abs(change.delta))
        if change.percent is None:
            return amount
        percent = _sign(change.percent) + self.percent(abs(change.percent))
        return self.text("change_short" if short else "change_long", amount=amount,
                         percent=percent)  # fmt: skip

    def quote(self, text: str) -> str:
        return self.text("quoted", text=plain(text))

    def status(self, value: str) -> str:
        return self.quote(status_words(self.language)[value])

    def health(self, value: str) -> str:
        return self.quote(health_words(self.language)[value])

    def colon(self) -> str:
        return self.text("colon")


def _sign(value: float) -> str:
    return "+" if value >= 0 else "−"


# --- writing the changes down --------------------------------------------------------------


def render_changes(changes: Changes, *, limit: int = MAX_DIGEST_LENGTH) -> str:
    """The body of the digest: a summary line, the points for reviewers, then one section per
    kind of change; at most `limit` long (see `forge_length`)."""
    w = _Writer(changes.language, changes.currency)
    if changes.is_empty:
        return w.text("nothing") + "\n"
    # In order of importance: reviewer notes come first, and are the last to be cut.
    sections = [
        ("notes", [_note_line(note, w) for note in changes.notes]
                  + _unpublished_lines(changes, w)),
        ("projects", _project_lines(changes, w)),
        ("status", _status_lines(changes, w)),
        ("milestones", _milestone_lines(changes, w)),
        ("budget", _budget_lines(changes, w)),
        ("rebaselines", _rebaseline_lines(changes, w)),
        ("updates", _update_lines(changes, w)),
        ("settings", _settings_lines(changes, w)),
        ("other", _other_lines(changes, w)),
    ]
    return _within(_summary(changes, w), sections, limit, w) + "\n"


def _within(summary: str, sections: list[tuple[str, list[str]]], limit: int, w: _Writer) -> str:
    """The summary and the sections, laid out; when that is longer than `limit`, the last lines
    of the least important sections are left out, and a note at the end says how many."""
    headings = {name: f"### {w.text(f'section.{name}')}\n\n" for name, _ in sections}
    length = forge_length(summary) + sum(
        forge_length(headings[name]) + 2 + sum(forge_length(line) + 3 for line in lines)
        for name, lines in sections
        if lines
    )
    kept = [list(lines) for _, lines in sections]
    omitted = 0
    if length > limit:
        # Room for the note, as long as it can be: it names at most every line.
        everything = sum(len(lines) for _, lines in sections)
        length += forge_length(_omitted(everything, w)) + 2
        for index in reversed(range(len(kept))):
            while kept[index] and length > limit:
                length -= forge_length(kept[index].pop()) + 3
                omitted += 1
                if not kept[index]:
                    length -= forge_length(headings[sections[index][0]]) + 2
            if length <= limit:
                break
    blocks = [summary]
    blocks += [headings[name] + "\n".join(f"- {line}" for line in lines)
               for (name, _), lines in zip(sections, kept, strict=True) if lines]  # fmt: skip
    if omitted:
        blocks.append(_omitted(omitted, w))
    return "\n\n".join(blocks)


def _omitted(count: int, w: _Writer) -> str:
    return w.text.plural("omitted", count, count=format_number(count, w.language))


def _summary(changes: Changes, w: _Writer) -> str:
    summary = changes.summary
    parts = [w.count(kind, number) for kind, number in summary.counts]
    if summary.planned_total is not None:
        parts.append(w.text("planned_total", change=w.change(summary.planned_total, short=True)))
    if summary.notes:
        parts.append(w.count("notes", summary.notes))
    if summary.unpublished:
        parts.append(w.count("unpublished", summary.unpublished))
    return w.text("in_short", parts=", ".join(parts or [w.text("minor")]))


def _project_lines(changes: Changes, w: _Writer) -> list[str]:
    lines = []
    for change in changes.projects_of_kind("added"):
        project = change.new
        assert project is not None
        text = w.text("project.added", name=w.quote(project.title),
                      team=plain(project.lead.team), status=w.status(project.status))  # fmt: skip
        text += w.colon() + _sentence(project.summary) if project.summary else "."
        if project.approved_budget is not None:
            text += " " + w.text("project.approved_budget",
                                 amount=w.amount(project.approved_budget))  # fmt: skip
        end = announced_end(project)
        if end is not None:
            text += " " + w.text("project.planned_end", date=w.date(end))
        lines.append(text)
    lines += [w.text("project.removed", name=w.quote(c.title))
              for c in changes.projects_of_kind("removed")]  # fmt: skip
    return lines


def _unpublished_lines(changes: Changes, w: _Writer) -> list[str]:
    """Which changed projects the public site does not show (internal ones)."""
    if not changes.unpublished:
        return []
    names = w.text("list_separator").join(w.quote(c.title) for c in changes.unpublished)
    return [w.text("project.unpublished", names=names)]


def _status_lines(changes: Changes, w: _Writer) -> list[str]:
    lines = []
    for change in changes.projects:
        name = w.quote(change.title)
        if change.renamed_from:
            lines.append(w.text("project.renamed", old=w.quote(change.renamed_from), name=name))
        if change.status and change.new:
            before, after = change.status
            text = w.text("project.status", name=name, before=w.status(before),
                          after=w.status(after))  # fmt: skip
            if after == "done" and change.new.actual_end:
                text += w.text("project.finished_on", date=w.date(change.new.actual_end))
            if after in ("on_hold", "cancelled") and change.new.status_reason:
                text += w.colon() + _sentence(change.new.status_reason)
            lines.append(text if text.endswith(".") else text + ".")
        if change.visibility:
            key = "project.internal" if change.visibility[1] == "internal" else "project.public"
            lines.append(w.text(key, name=name))
        if change.health:
            lines.append(_health_line(name, *change.health, w))
    return lines


def _health_line(name: str, before: Health | None, after: Health | None, w: _Writer) -> str:
    if after is None:
        return w.text("health.gone", name=name)
    values = {"name": name, "value": w.health(after.value), "date": w.date(after.date)}
    if before is None:
        text = w.text("health.new", **values)
    elif before.value == after.value:
        text = w.text("health.same", **values)
    else:
        text = w.text("health.moves", before=w.health(before.value), **values)
    return text + (w.colon() + _sentence(after.comment) if after.comment else ".")


def _milestone_lines(changes: Changes, w: _Writer) -> list[str]:
    lines = []
    for change in changes.projects:
        project = w.quote(change.title)
        lines += [_milestone_line(m, project, w) for m in change.milestones]
        if change.end:
            slipped = change.end.days > 0
            text = w.text("end.slipped" if slipped else "end.advanced", project=project,
                          days=w.days(change.end.days), before=w.date(change.end.before),
                          after=w.date(change.end.after))  # fmt: skip
            if slipped and change.new and change.new.schedule_explanation:
                text += w.text("explanation", text=_sentence(change.new.schedule_explanation))
            lines.append(text)
    return lines


def _milestone_line(m: MilestoneChange, project: str, w: _Writer) -> str:
    name = w.quote(m.title)
    if m.kind == "reached":
        assert m.after is not None
        text = w.text("milestone.reached", name=name, project=project, date=w.date(m.after))
        if m.days == 0:
            return text + w.text("milestone.reached_on_time")
        key = "milestone.reached_late" if m.days > 0 else "milestone.reached_early"
        return text + w.text(key, days=w.days(m.days), due=w.date(m.due))
    if m.kind in ("slipped", "advanced"):
        assert m.before is not None and m.after is not None
        text = w.text(f"milestone.{m.kind}", name=name, project=project, days=w.days(m.days),
                      before=w.date(m.before), after=w.date(m.after))  # fmt: skip
        if m.kind == "slipped" and m.explanation:
            text += w.text("explanation", text=_sentence(m.explanation))
        return text
    if m.kind == "added":
        assert m.after is not None
        if m.done is not None:
            return w.text("milestone.added_done", name=name, project=project,
                          date=w.date(m.done))  # fmt: skip
        return w.text("milestone.added", name=name, project=project, date=w.date(m.after))
    assert m.before is not None
    return w.text("milestone.removed", name=name, project=project, date=w.date(m.before))


def _budget_parts(measures: Iterable[MeasureChange], w: _Writer) -> str:
    # One sentence per measure and direction: the participle agrees with the measure's noun.
    return w.text("list_separator").join(
        w.text(f"budget.{m.measure}.{'raised' if m.amount.raised else 'lowered'}",
               before=w.amount(m.amount.before), after=w.amount(m.amount.after),
               change=w.change(m.amount))
        for m in measures
    )  # fmt: skip


def _budget_lines(changes: Changes, w: _Writer) -> list[str]:
    lines = [w.text("budget.project", name=w.quote(c.title), parts=_budget_parts(c.budget, w))
             for c in changes.projects if c.budget]  # fmt: skip
    if changes.budget_total:
        lines.append(w.text("budget.total", parts=_budget_parts(changes.budget_total, w)))
    return lines


def _rebaseline_lines(changes: Changes, w: _Writer) -> list[str]:
    lines = []
    for change in changes.projects:
        for item in change.rebaselines:
            r = item.rebaseline
            text = w.text("rebaseline", name=w.quote(change.title), date=w.date(r.date),
                          decision=plain(r.decision), reason=_sentence(r.reason))  # fmt: skip
            if r.budget is not None:
                text += w.text("rebaseline.new_budget", amount=w.amount(r.budget))
                if item.budget is not None:
                    text += w.text("rebaseline.previously_amount",
                                   amount=w.amount(item.budget.before),
                                   change=w.change(item.budget))  # fmt: skip
                text += "."
            if r.end is not None:
                text += w.text("rebaseline.new_end", date=w.date(r.end))
                if item.end_before is not None:
                    text += w.text("rebaseline.previously_date", date=w.date(item.end_before))
                text += "."
            lines.append(text)
    return lines


def _update_lines(changes: Changes, w: _Writer) -> list[str]:
    return [w.text("update", name=w.quote(change.title), date=w.date(u.date),
                   text=_sentence(u.text))
            for change in changes.projects for u in change.updates]  # fmt: skip


def _settings_lines(changes: Changes, w: _Writer) -> list[str]:
    lines = []
    if changes.as_of_moved:
        lines.append(w.text("settings.as_of_moved", before=w.date(changes.as_of_moved.before),
                            after=w.date(changes.as_of_moved.after)))  # fmt: skip
    if changes.envelope:
        if changes.envelope.amount is not None:
            amount = changes.envelope.amount
            lines.append(w.text("settings.envelope", before=w.amount(amount.before),
                                after=w.amount(amount.after),
                                change=w.change(amount)))  # fmt: skip
        elif changes.envelope.after is not None:
            lines.append(w.text("settings.envelope_new", amount=w.amount(changes.envelope.after)))
        else:
            lines.append(w.text("settings.envelope_gone"))
    for threshold in changes.thresholds:
        if threshold.name in _PERCENT_THRESHOLDS:
            shown = (w.percent(threshold.before), w.percent(threshold.after))
        else:
            shown = (w.days(int(threshold.before)), w.days(int(threshold.after)))
        lines.append(w.text("settings.threshold", label=w.text(f"threshold.{threshold.name}"),
                            before=shown[0], after=shown[1]))  # fmt: skip
    lines += [w.text("settings.axis_added", name=w.quote(a.title)) for a in changes.axes_added]
    lines += [w.text("settings.axis_removed", name=w.quote(a.title))
              for a in changes.axes_removed]  # fmt: skip
    if changes.settings_fields:
        lines.append(w.text("settings.other", fields=_field_list(changes.settings_fields, w)))
    return lines


def _field_list(fields: Iterable[str], w: _Writer) -> str:
    # A field the catalogue does not name (a new one) shows as its YAML key.
    return ", ".join(w.text(f"field.{name}") if w.text.has(f"field.{name}") else name
                     for name in fields)  # fmt: skip


def _other_lines(changes: Changes, w: _Writer) -> list[str]:
    return [w.text("project.other", name=w.quote(c.title), fields=_field_list(c.other_fields, w))
            for c in changes.projects if c.other_fields]  # fmt: skip


def _note_line(note: ReviewNote, w: _Writer) -> str:
    def shown(value: float | dt.date | None) -> str:
        if value is None:
            return w.text("note.nothing_value")
        return w.date(value) if isinstance(value, dt.date) else w.amount(value)

    return w.text(f"note.{note.kind}", project=w.quote(note.project),
                  subject=w.quote(note.subject), before=shown(note.before),
                  after=shown(note.after))  # fmt: skip


# --- the whole digest ----------------------------------------------------------------------


def render_digest(
    base: RoadmapVersion, head: RoadmapVersion, *, limit: int = MAX_DIGEST_LENGTH
) -> str:
    """The digest of what changes from `base` to `head`, saying so when a side cannot be read;
    at most `limit` long as a forge counts (`forge_length`), its least important lines left out
    with a note when there is too much to say."""
    language = head.language if head.exists else base.language
    known = head.roadmap or base.roadmap
    w = _Writer(language, known.currency if known else "EUR")
    intro = w.text("versions", base=plain(base.label), head=plain(head.label))
    intro += w.text("as_of", date=w.date(head.roadmap.as_of)) if head.roadmap else "."
    blocks = ["## " + w.text("title"), intro]
    if not head.exists:
        blocks.append(w.text("version.head_missing"))
    elif head.roadmap is None:
        blocks.append(_problems("version.head_invalid", head, w))
    if base.exists and base.roadmap is None:
        blocks.append(_problems("version.base_invalid", base, w))
        if head.roadmap is not None:
            blocks.append(w.text("version.base_invalid_head_valid"))
    elif head.roadmap is not None:
        if not base.exists:
            blocks.append(w.text("version.base_missing"))
        room = limit - sum(forge_length(block) + 2 for block in blocks) - 1
        blocks.append(render_changes(compare(base.roadmap, head.roadmap), limit=room).rstrip("\n"))
    return "\n\n".join(blocks) + "\n"


def _problems(key: str, version: RoadmapVersion, w: _Writer) -> str:
    excerpt = error_excerpt(version.errors)
    head = w.text(key, label=plain(version.label), count=w.count("errors", excerpt.total))
    return head + "\n\n" + "\n".join(_error_lines(excerpt, w))


def _error_lines(excerpt: ErrorExcerpt, w: _Writer) -> Iterator[str]:
    for d in excerpt.quoted:
        hint = hint_text(d, w.language)
        shown_hint = f" {plain(hint)}" if hint else ""
        message = plain(message_text(d, w.language))
        # The file name is text from the pull request like any other: escaped, never put in
        # a code span (whose content a forge does not escape, and which a backtick would end).
        position = plain(f"{d.file}:{d.line}:{d.column}")
        yield f"- {position} {d.code}{w.colon()}{message}{shown_hint}"
    if excerpt.left_out:
        yield "- " + w.text("version.more_errors", count=excerpt.left_out)
