"""The versions the project allows are the versions it is tested on.

pyproject.toml's lower bounds once allowed releases no test ever ran on (Markdown 3.6,
Material 9.7, pymdown-extensions 10.14), and hostile input can behave differently there.
Each runtime dependency's lower bound is now the version constraints.txt pins for the test
runs, and the installed version lies in the allowed range.
"""

from __future__ import annotations

import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent


def _runtime_requirements() -> list[Requirement]:
    with open(ROOT / "pyproject.toml", "rb") as file:
        project = tomllib.load(file)["project"]
    return [Requirement(spec) for spec in project["dependencies"]]


def _pins() -> dict[str, Version]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        name, _, pinned = line.partition("==")
        if pinned:
            pins[canonicalize_name(name)] = Version(pinned.strip())
    return pins


@pytest.mark.parametrize("requirement", _runtime_requirements(), ids=str)
def test_lower_bound_is_the_tested_version(requirement: Requirement) -> None:
    lower = [Version(s.version) for s in requirement.specifier if s.operator == ">="]
    assert len(lower) == 1, f"{requirement}: give one lower bound (>=)"
    pinned = _pins().get(canonicalize_name(requirement.name))
    assert pinned is not None, f"{requirement.name} is not pinned in constraints.txt"
    assert lower[0] == pinned, (
        f"{requirement}: the tests run on {pinned}; raise the lower bound to it, or test "
        f"{lower[0]} too"
    )


@pytest.mark.parametrize("requirement", _runtime_requirements(), ids=str)
def test_installed_version_is_allowed(requirement: Requirement) -> None:
    installed = version(requirement.name)
    assert requirement.specifier.contains(installed, prereleases=True), (
        f"{requirement.name} {installed} is installed, outside {requirement.specifier}"
    )
