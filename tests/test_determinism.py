"""Deterministic output: two builds of the same sources give byte-identical pages.

The builds run as separate `mkdocs build` processes with different hash seeds (so set and
dict orders that depend on string hashing would show), from two copies of the project at
different paths into different output folders (so no absolute path may leak into a page).
Only what MkDocs itself stamps is set aside: the sitemap's dates and the gzip header time.
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import copy_project

LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")


def start_build(config_file: Path, site_dir: Path, seed: str) -> subprocess.Popen[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": seed}
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file), "-d", str(site_dir)],
        cwd=config_file.parent,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def comparable(path: Path) -> bytes:
    """The file's bytes, minus what MkDocs stamps with the build time."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)  # the header holds the compression time
    if path.name.startswith("sitemap.xml"):
        data = LASTMOD.sub(b"<lastmod/>", data)
    return data


def site_files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = copy_project(tmp_path / "one" / "project")
    second = copy_project(tmp_path / "two" / "elsewhere" / "project")
    builds = [
        (start_build(first, tmp_path / "site-a", "1"), tmp_path / "site-a"),
        (start_build(second, tmp_path / "output" / "site-b", "2"), tmp_path / "output" / "site-b"),
    ]
    for process, _ in builds:
        output, _ = process.communicate(timeout=300)
        assert process.returncode == 0, output
    (_, site_a), (_, site_b) = builds
    files_a, files_b = site_files(site_a), site_files(site_b)

    assert sorted(files_a) == sorted(files_b)
    assert any(name.endswith(".html") for name in files_a)
    different = [name for name in files_a if comparable(files_a[name]) != comparable(files_b[name])]
    assert not different, f"differ between two builds: {different}"
    for name, path in files_a.items():
        if path.suffix in (".html", ".json", ".xml", ".svg"):
            text = path.read_bytes()
            for folder in (tmp_path, first.parent, second.parent):
                assert str(folder).encode() not in text, f"{name} contains the path {folder}"
