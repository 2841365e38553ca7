"""Shared fixtures: real builds of the real site (or a copy of it) into temporary folders."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

# Property tests: a quick run locally, a longer one in CI (CI=true); both keep no deadline,
# as a shared 2-core runner makes single-example timings noise.
_SLOW_INPUT = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("dev", max_examples=60, deadline=None, suppress_health_check=_SLOW_INPUT)
settings.register_profile("ci", max_examples=500, deadline=None, suppress_health_check=_SLOW_INPUT)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE")
    or ("ci" if os.environ.get("CI", "").lower() == "true" else "dev")
)

#: What a copy of the project needs to build on its own.
SITE_PARTS = ("mkdocs.yml", "docs", "overrides")


def build_site(config_file: Path, site_dir: Path, **overrides: Any) -> MkDocsConfig:
    """Build like `mkdocs build --strict`, from Python; raises on any warning or error."""
    config = load_config(str(config_file), site_dir=str(site_dir), strict=True, **overrides)
    build(config)
    return config


def copy_project(dest: Path) -> Path:
    """Copy the site's sources to `dest`; return the copy's mkdocs.yml."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in SITE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part)
        elif source.exists():
            shutil.copy2(source, dest / part)
    return dest / "mkdocs.yml"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session with --strict; the output folder."""
    site_dir = tmp_path_factory.mktemp("site")
    build_site(ROOT / "mkdocs.yml", site_dir)
    return site_dir


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A private copy of the site's sources to change; returns its mkdocs.yml."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def build_copy(tmp_path: Path) -> Callable[..., Path]:
    """Build a (changed) project copy; returns the output folder."""

    def run(config_file: Path, **overrides: Any) -> Path:
        site_dir = tmp_path / "out"
        if site_dir.exists():
            shutil.rmtree(site_dir)
        build_site(config_file, site_dir, **overrides)
        return site_dir

    return run
