"""Worst-case roadmaps: the largest inputs the validator's limits allow, along each axis,
and what validating and building them costs.

    python scripts/worst_case_roadmap.py --kind all --scale 0.05        # measure each kind
    python scripts/worst_case_roadmap.py --kind texts --scale 1 --out /tmp/worst --no-measure
    python scripts/worst_case_roadmap.py --kind lists --scale 0.1 --json worst.json

Each kind pushes one limit to `--scale` times its value (1 = at the limit), the others kept
realistic; the number of files is also bounded by the whole roadmap's limits
(`MAX_ROADMAP_BYTES`, `MAX_ROADMAP_VALUES`, `MAX_ROADMAP_TEXT`), which the validator enforces:

- `projects`: `MAX_PROJECT_FILES` project files, each a realistic project (a few kB);
- `texts`: every text of every field at its R029 cap (titles 300 characters, summaries 1,000,
  descriptions and explanations 20,000), milestones and updates at the cap too until the file
  is near `MAX_FILE_BYTES`, as many such files as `MAX_ROADMAP_BYTES` allows;
- `lists`: every list of a project at its longest (`MAX_LIST_ITEMS`: milestones, news, budget
  lines, indicators and their measurements…), as many files as `MAX_ROADMAP_BYTES` allows;
- `aliases`: each file repeats an explanation at its cap through YAML references (`&e` …
  `*e`) up to `MAX_ALIAS_TEXT` characters, in as many files as `MAX_PROJECT_FILES` and
  `MAX_ROADMAP_BYTES` allow;
- `nesting`: one file nested `MAX_DEPTH` levels deep, the most the loader reads (its list
  is then refused as a wrong value: validation only);
- `diagnostics`: the most problems: the `lists` files with a wrong value in every item
  (validation and its text report only: a roadmap with errors builds no site).

Each case is validated (`roadmap validate`, the text report) and built (`mkdocs build` with
the plugin, without git history) in a child process, whose wall and CPU time and peak
memory (the largest resident set, from the kernel) are printed with the site's size.
Targets (issue #15): within the limits, a build takes under a minute and 2 GB ("met" is
judged on CPU time, which varies less than wall time with the load of a shared machine,
printed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
from generator.reading.loader import (  # noqa: E402
    MAX_ALIAS_TEXT,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    load_text,
)
from generator.validation.limits import (  # noqa: E402
    MAX_LIST_ITEMS,
    MAX_ROADMAP_TEXT,
    MAX_ROADMAP_VALUES,
    weight,
)
from generator.validation.validate import (  # noqa: E402
    MAX_LONG_TEXT,
    MAX_PROJECT_FILES,
    MAX_ROADMAP_BYTES,
    MAX_SHORT_TEXT,
    MAX_SUMMARY,
)

TARGET_SECONDS = 60
TARGET_BYTES = 2 * 1024**3
KINDS = ("projects", "texts", "lists", "aliases", "nesting", "diagnostics")
# Files stay this far below a byte limit: the limit is on the file, YAML's quoting adds a little.
MARGIN = 0.98

ROADMAP = """\
title: "{short}"
organisation: "{short}"
description: "{long}"
language: fr
currency: EUR
period: {{start: 2020-01-01, end: 2025-12-31}}
as_of: 2022-06-30
axes:
  - id: usagers
    title: "{short}"
    description: "{long}"
  - id: agents
    title: "{short}"
funders:
  - id: etat
    title: "{short}"
contact: demonstration@region.example
accessibility: {{compliance: none, statement_date: 2021-06-30}}
"""
MKDOCS = """\
site_name: Pire des cas
docs_dir: docs
theme: {name: material, language: fr, font: false}
plugins:
  - search
  - roadmap: {roadmap_dir: roadmap, history: false}
"""


def text(length: int, seed: int = 0) -> str:
    """Words (so that search indexes them as words), exactly `length` characters, nothing
    that YAML's double quotes would read."""
    word = f"mot{seed % 97}lettre "
    return (word * (length // len(word) + 1))[: length - 1] + "x"


def short_text() -> str:
    return text(MAX_SHORT_TEXT)


def long_text(length: int = MAX_LONG_TEXT) -> str:
    return text(length)


def write_roadmap_file(folder: Path, *, long: bool = True) -> None:
    (folder / "projects").mkdir(parents=True, exist_ok=True)
    content = ROADMAP.format(short=short_text(), long=long_text() if long else "Présentation.")
    (folder / "roadmap.yaml").write_text(content, encoding="utf-8")


def project_head(number: int, *, long: bool) -> str:
    """A project's single fields: at their caps when `long`."""
    short = short_text() if long else f"Projet {number}"
    title = text(MAX_SHORT_TEXT - 6) + f"{number:06d}" if long else short
    summary = text(MAX_SUMMARY) if long else "Un projet."
    body = long_text() if long else "Un **projet**."
    return (
        f'title: "{title}"\naxis: usagers\nsummary: "{summary}"\n'
        f'description: "{body}"\nlead: {{name: "{short}", team: "{short}"}}\n'
        f'sponsor: "{short}"\nstatus: on_hold\nstatus_reason: "{body}"\n'
        f'health: {{value: watch, date: 2022-06-01, comment: "{body}"}}\n'
        "start: 2020-01-01\nend: 2024-12-31\n"
        f'schedule_explanation: "{body}"\ntags: ["{short}", "{short}"]\n'
        "budget:\n  baseline: 1000000\n  lines:\n"
        "    - {year: 2021, funder: etat, planned: 500000, committed: 100000, spent: 50000}\n"
        f'  explanation: "{body}"\n'
        f'links:\n  - {{title: "{short}", url: "https://example.org/"}}\n'
    )


def write_projects(folder: Path, scale: float) -> str:
    """Realistic projects (the benchmarks' synthetic roadmap), `MAX_PROJECT_FILES` × scale."""
    sys.path.insert(0, str(REPO_ROOT / "scripts"))
    from synthetic_roadmap import write_synthetic_roadmap

    count = max(1, round(MAX_PROJECT_FILES * scale))
    write_synthetic_roadmap(folder, count)
    return f"{count} realistic projects"


def most_files(body: str, scale: float) -> int:
    """How many project files like `body` the roadmap's bounds allow (files, bytes, and the
    whole roadmap's values and text, references expanded), times `scale`."""
    source, _ = load_text(body.encode(), "p.yaml")
    values, characters = weight(source.data)
    most = min(
        MAX_PROJECT_FILES,
        MAX_ROADMAP_BYTES * MARGIN / len(body.encode()),
        MAX_ROADMAP_VALUES * MARGIN / values,
        MAX_ROADMAP_TEXT * MARGIN / characters,
    )
    return max(1, round(most * scale))


def texts_project(number: int) -> str:
    parts = [project_head(number, long=True), "milestones:\n"]
    size = len(parts[0].encode())
    milestone = (
        f'  - title: "{short_text()}"\n    due: 2021-01-01\n    forecast: 2023-01-01\n'
        f'    explanation: "{long_text()}"\n'
    )
    while size + len(milestone) * 2 < MAX_FILE_BYTES * MARGIN:
        parts.append(milestone)
        size += len(milestone)
    return "".join(parts)


def write_texts(folder: Path, scale: float) -> str:
    """Files near MAX_FILE_BYTES of texts at their caps, as many as the bounds allow."""
    write_roadmap_file(folder)
    files = most_files(texts_project(0), scale)
    for number in range(files):
        (folder / "projects" / f"p{number:05d}.yaml").write_text(texts_project(number), "utf-8")
    return f"{files} files of ~{MAX_FILE_BYTES // 1024} KiB of texts at their caps"


def lists_project(number: int, *, wrong: bool = False) -> str:
    """A project with every list at its longest (`MAX_LIST_ITEMS`), small items; with
    `wrong`, every item of every list holds a wrong value (a problem each)."""
    n = MAX_LIST_ITEMS
    bad = "x" if wrong else None
    lines = [project_head(number, long=False).split("tags:", 1)[0]]
    lines.append(
        "tags: [" + ", ".join(str(i) if wrong else f"t{i}" for i in range(n["tags"])) + "]\n"
    )
    # Earlier projects only: no loop, and every name exists.
    earlier = range(max(0, number - n["depends_on"]), number)
    lines.append("depends_on: [" + ", ".join(f"p{k:05d}" for k in earlier) + "]\n")
    lines.append("budget:\n  baseline: 200000\n  explanation: E\n  lines:\n")
    lines += [
        f"    - {{year: {2020 + i % 6}, funder: etat, planned: {bad or 1000}}}\n"
        for i in range(n["lines"])
    ]
    lines.append("rebaselines:\n")
    lines += [
        f"  - {{date: 2021-01-01, decision: D{i}, reason: R, budget: {bad or 1000}}}\n"
        for i in range(n["rebaselines"])
    ]
    lines.append("milestones:\n")
    lines += [f"  - {{title: J{i}, due: {bad or '2023-01-01'}}}\n" for i in range(n["milestones"])]
    lines.append("updates:\n")
    lines += [f"  - {{date: {bad or '2022-01-01'}, text: N{i}}}\n" for i in range(n["updates"])]
    lines.append("links:\n")
    lines += [f"  - {{title: L{i}, url: https://example.org/{i}}}\n" for i in range(n["links"])]
    lines.append("indicators:\n")
    for k in range(n["indicators"]):
        lines.append(
            f"  - id: i{k}\n    title: I{k}\n    unit: u\n"
            "    baseline: {date: 2020-01-01, value: 0}\n"
            "    target: {date: 2025-01-01, value: 100}\n    measurements:\n"
        )
        lines += [
            f"      - {{date: {dt.date(2020, 1, 2) + dt.timedelta(days=i)}, "
            f"value: {bad or i % 100}}}\n"
            for i in range(n["measurements"])
        ]
    return "".join(lines)


def write_lists(folder: Path, scale: float) -> str:
    """Projects with every list at its longest, as many as MAX_ROADMAP_BYTES allows."""
    write_roadmap_file(folder, long=False)
    size = len(lists_project(0).encode())
    files = most_files(lists_project(0), scale)
    for number in range(files):
        (folder / "projects" / f"p{number:05d}.yaml").write_text(lists_project(number), "utf-8")
    return f"{files} files of {size // 1024} KiB, every list at its longest"


def write_aliases(folder: Path, scale: float) -> str:
    """Files repeating a long text by references, up to `MAX_ALIAS_TEXT` characters each: a
    milestone explanation at its cap, anchored once and referenced by the other milestones."""
    write_roadmap_file(folder, long=False)
    repeats = min(MAX_LIST_ITEMS["milestones"], MAX_ALIAS_TEXT // MAX_LONG_TEXT) - 1
    explanation = long_text()
    body = (
        project_head(0, long=False)
        + "milestones:\n"
        + f'  - {{title: J, due: 2021-01-01, explanation: &e "{explanation}"}}\n'
        + "".join(
            f"  - {{title: J{i}, due: 2021-01-01, explanation: *e}}\n" for i in range(repeats)
        )
    )
    files = most_files(body, scale)
    for number in range(files):
        head = body.replace("Projet 0", f"Projet {number}", 1)
        (folder / "projects" / f"p{number:05d}.yaml").write_text(head, "utf-8")
    return (f"{files} files of {len(body) // 1024} KiB, each {repeats} references to a "
            f"{MAX_LONG_TEXT}-character explanation")  # fmt: skip


def write_nesting(folder: Path, scale: float) -> str:
    write_roadmap_file(folder, long=False)
    depth = max(2, round(MAX_DEPTH * scale))
    # The file's mapping is the first level: the list opens the second.
    nested = "[" * (depth - 1) + "]" * (depth - 1)
    head = project_head(0, long=False).split("tags:", 1)[0]
    (folder / "projects" / "profond.yaml").write_text(head + f"tags: {nested}\n", "utf-8")
    return f"one file nested {depth} levels deep (a wrong value from the second: refused)"


def write_diagnostics(folder: Path, scale: float) -> str:
    """The most problems: every item of every list at its longest holds a wrong value."""
    write_roadmap_file(folder, long=False)
    size = len(lists_project(0, wrong=True).encode())
    files = most_files(lists_project(0, wrong=True), scale)
    for number in range(files):
        text = lists_project(number, wrong=True)
        (folder / "projects" / f"p{number:05d}.yaml").write_text(text, "utf-8")
    return f"{files} files of {size // 1024} KiB, every list item wrong"


WRITERS: dict[str, Callable[[Path, float], str]] = {
    "projects": write_projects,
    "texts": write_texts,
    "lists": write_lists,
    "aliases": write_aliases,
    "nesting": write_nesting,
    "diagnostics": write_diagnostics,
}
BUILDS = {"projects", "texts", "lists", "aliases"}  # the others are refused by the validator


def write_worst_case(folder: Path, kind: str, scale: float) -> str:
    """Write the worst case `kind` at `scale` into `folder` (a roadmap folder); say what."""
    return WRITERS[kind](folder, scale)


# --- measuring ---------------------------------------------------------------------------------

_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
with open(sys.argv[1], "wb") as out:
    code = subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.STDOUT).returncode
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(code, time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""


def measure(command: list[str], cwd: Path, output: Path) -> dict[str, Any]:
    """Run `command` in a fresh process: its exit code, wall and CPU time (the CPU time varies
    less with the machine's load), and peak resident memory."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(output), *command], cwd=cwd,
                          capture_output=True, text=True, check=True)  # fmt: skip
    code, seconds, cpu, kib = done.stdout.split()
    return {"exit": int(code), "seconds": round(float(seconds), 2),
            "cpu_seconds": round(float(cpu), 2), "peak_mb": round(int(kib) / 1024, 1),
            "output_bytes": output.stat().st_size}  # fmt: skip


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def run_case(kind: str, scale: float, work: Path) -> dict[str, Any]:
    project = work / kind
    shutil.rmtree(project, ignore_errors=True)
    roadmap = project / "roadmap"
    roadmap.mkdir(parents=True)
    described = write_worst_case(roadmap, kind, scale)
    (project / "docs").mkdir()
    (project / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    bin_dir = Path(sys.executable).parent
    result: dict[str, Any] = {"kind": kind, "scale": scale, "input": described,
                              "input_bytes": folder_bytes(roadmap),
                              "load": os.getloadavg()[0]}  # fmt: skip
    result["validate"] = measure([str(bin_dir / "roadmap"), "validate", str(roadmap)], project,
                                 work / f"{kind}-report.txt")  # fmt: skip
    if kind in BUILDS:
        build = measure([str(bin_dir / "mkdocs"), "build", "--quiet", "--site-dir", "site"],
                        project, work / f"{kind}-build.txt")  # fmt: skip
        build["site_bytes"] = folder_bytes(project / "site") if (project / "site").is_dir() else 0
        result["build"] = build
    return result


def verdict(result: dict[str, Any]) -> str:
    steps = [result["validate"], *([result["build"]] if "build" in result else [])]
    met = all(s["cpu_seconds"] < TARGET_SECONDS and s["peak_mb"] * 1024**2 < TARGET_BYTES
              for s in steps)  # fmt: skip
    return "met" if met else "MISSED"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kind", choices=[*KINDS, "all"], default="all")
    parser.add_argument("--scale", type=float, default=0.05,
                        help="fraction of each limit (1 = at the limit)")  # fmt: skip
    parser.add_argument("--out", type=Path, help="write the roadmaps here (kept)")
    parser.add_argument("--no-measure", action="store_true", help="only write the roadmaps")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    args = parser.parse_args(argv)
    kinds = KINDS if args.kind == "all" else (args.kind,)
    work = args.out or Path(tempfile.mkdtemp(prefix="worst-case-"))
    results = []
    try:
        for kind in kinds:
            if args.no_measure:
                roadmap = work / kind / "roadmap"
                roadmap.mkdir(parents=True, exist_ok=True)
                print(f"{kind}: {write_worst_case(roadmap, kind, args.scale)} in {roadmap}")
                continue
            result = run_case(kind, args.scale, work)
            results.append(result)
            print(json.dumps(result, ensure_ascii=False), verdict(result), flush=True)
    finally:
        if args.out is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
