"""Benchmark: `roadmap validate` on synthetic roadmaps (1,000 projects by default).

Prints, for each size, the time of the whole command (a fresh process, as a user runs it) and
of the validation alone in-process, with the time per project and the ratio to the target.

    python scripts/bench_validate.py            # 100 and 1,000 projects
    python scripts/bench_validate.py 1000 5000  # chosen sizes
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from synthetic_roadmap import write_synthetic_roadmap

from generator.validation.validate import validate_roadmap

TARGET_SECONDS_AT_1000 = 2.0
REPEATS = 3


def best_of(repeats: int, action: Callable[[], object]) -> float:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return min(timings)


def run_command(folder: Path) -> None:
    command = [sys.executable, "-m", "generator.adapters.cli", "validate", str(folder)]
    subprocess.run(command, check=True, capture_output=True)


def main(sizes: list[int]) -> None:
    print(
        f"{'projets':>8} {'commande (s)':>13} {'en mémoire (s)':>15} {'ms/projet':>10} "
        f"{'cible':>8} {'rapport':>8}"
    )
    for size in sizes:
        with tempfile.TemporaryDirectory() as temp:
            folder = write_synthetic_roadmap(Path(temp) / "roadmap", size)
            result = validate_roadmap(folder)
            assert not result.errors, result.errors[:3]
            whole = best_of(REPEATS, partial(run_command, folder))
            in_process = best_of(REPEATS, partial(validate_roadmap, folder))
        target = TARGET_SECONDS_AT_1000 * size / 1000
        print(
            f"{size:>8} {whole:>13.2f} {in_process:>15.2f} {1000 * whole / size:>10.2f} "
            f"{target:>8.1f} {whole / target:>8.2f}"
        )


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [100, 1000])
