"""Full build CPU of the plugin at an older commit and now, against a plain build.

    .venv/bin/python -m benchmarks.before_after d88f49d            # 3 rounds
    .venv/bin/python -m benchmarks.before_after d88f49d --rounds 5

The synthetic 2,000-page x 500-entity site of the "Full build" figures is built by
`plain` (search only), `before` (that commit's `site_plugins`, exported with `git archive`
and put first on PYTHONPATH) and `after` (this tree), interleaved round by round; CPU
is the build process's user + system time (`os.wait4`). Prints each round and the
medians; nothing is written to RESULTS.md (copy the figures into NOTES.md by hand).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tarfile
import tempfile
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path

from . import generate
from .run import interleaved, timed_build

ROOT = Path(__file__).resolve().parent.parent


def export_plugin(commit: str, dest: Path) -> None:
    """`site_plugins` as it was at `commit`, under `dest`."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", commit, "site_plugins"],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("commit", help="the older commit, e.g. d88f49d")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--entities", type=int, default=500)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="explainer-before-after-") as work:
        workdir = Path(work)
        export_plugin(args.commit, workdir / "before")
        site = generate.write_site(workdir / "site", args.pages, args.entities)
        plain = generate.write_config(workdir / "site", "plain", args.entities)

        def build(variant: str) -> float:
            saved = os.environ.get("PYTHONPATH")
            if variant == "before":
                os.environ["PYTHONPATH"] = str(workdir / "before")
            try:
                config = plain if variant == "plain" else site
                return timed_build(config, workdir / f"out-{variant}").cpu
            finally:
                if saved is None:
                    os.environ.pop("PYTHONPATH", None)
                else:
                    os.environ["PYTHONPATH"] = saved

        rounds = interleaved(args.rounds, ["plain", "before", "after"], build)
    for number, figures in enumerate(rounds, 1):
        print(f"round {number}: " + ", ".join(f"{k} {v:.2f} s" for k, v in figures.items()))
    for variant in ("plain", "before", "after"):
        print(f"{variant}: median CPU {statistics.median(r[variant] for r in rounds):.2f} s")
    for a, b in (("before", "plain"), ("after", "plain"), ("after", "before")):
        ratio = statistics.median(r[a] / r[b] for r in rounds)
        print(f"{a} / {b}: {ratio:.3f} (median of per-round ratios)")


if __name__ == "__main__":
    main()
