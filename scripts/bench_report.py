"""Benchmark: the council-session report (`roadmap report`) at scale.

    python scripts/bench_report.py                         # 200 and 1,000 projects
    python scripts/bench_report.py --sizes 200 --variants full,summary
    python scripts/bench_report.py --json bench-results/report.json --keep /tmp/report-bench

For each size, a synthetic roadmap (`synthetic_roadmap.py`: about 10 milestones, 6 budget
lines and 2 indicators per project, 8 axes, 3 funders) and, for each variant, the report
written in a fresh process (so that no cache of a previous variant helps): the full report,
the summary report (`--summary-only`, no project pages) and one axis's report (`--axis`,
the first axis, about an eighth of the projects). Each is timed (wall-clock, and the child's
own CPU time from `os.wait4`), with its peak memory, its size in bytes and its page count.
The machine is shared: the load average is printed, and CPU times vary less than
wall-clock ones. A measurement, not a test: nothing fails on a number.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_roadmap import AXES, write_synthetic_roadmap

VARIANTS = {
    "full": [],
    "summary": ["--summary-only"],
    "axis": ["--axis", AXES[0]],
}


def _pages(pdf: Path) -> int:
    """The page count, read in a process of its own: reading a large PDF here would raise
    this process's memory, and a child forked afterwards inherits that peak in `ru_maxrss`."""
    count = "import pypdf, sys; print(len(pypdf.PdfReader(sys.argv[1]).pages))"
    return int(subprocess.check_output([sys.executable, "-c", count, str(pdf)], text=True))


def run_variant(roadmap: Path, out: Path, arguments: list[str]) -> dict[str, Any]:
    """One report, written by `roadmap report` in a fresh process."""
    command = [sys.executable, "-m", "generator.adapters.cli", "report", "--roadmap",
               str(roadmap), "--out", str(out), *arguments]  # fmt: skip
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    stderr = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"roadmap report {' '.join(arguments)} failed:\n{stderr}")
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
        "bytes": out.stat().st_size,
        "pages": _pages(out),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="200,1000")
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--json", help="write every figure to this file")
    parser.add_argument("--keep", help="folder for the roadmaps and reports (else a temporary one)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    variants = args.variants.split(",")
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as temporary:
        base = Path(args.keep or temporary)
        for size in sizes:
            roadmap = write_synthetic_roadmap(base / f"roadmap-{size}", size)
            print(f"{size} projects (load average {os.getloadavg()[0]:.1f})", flush=True)
            for variant in variants:
                out = base / f"report-{size}-{variant}.pdf"
                figures = run_variant(roadmap, out, VARIANTS[variant])
                results.append({"projects": size, "variant": variant, **figures})
                print(f"  {variant:8} {figures['wall_s']:8.1f} s wall {figures['cpu_s']:8.1f} s "
                      f"CPU {figures['peak_rss_mb']:6} MB peak {figures['pages']:6} pages "
                      f"{figures['bytes'] / 1e6:8.2f} MB", flush=True)  # fmt: skip
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
