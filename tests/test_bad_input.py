"""The catalogue of editors' mistakes: each one stops the build with a message that names the
file, the field and the fix, and never with a Python traceback.

Each case builds a small site of its own (in a temp dir), so the cases do not depend on the
real site's content; a few also run the real `mkdocs build --strict` command line, which is
what an editor sees.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from .conftest import build_site

MKDOCS = [sys.executable, "-m", "mkdocs"]


CONFIG = """\
site_name: Bad input
theme: {name: material, font: false}
plugins:
  - explainer:
      kinds: [subject, suitor, company]
      comparison:
        enabled: true
        kind: suitor
        path: compare/
        title: Compare
        status_field: status
        as_of_field: as_of
        fields:
          - {key: status, label: Status, type: enum, choices: [in talks, withdrawn],
             required: true}
          - {key: deal, label: Deal, type: list}
          - {key: public, label: Listed, type: bool}
          - {key: home, label: Home page, type: url}
          - {key: as_of, label: As of, type: date, required: true}
          - {key: sources, label: Sources, type: sources}
"""

SUITOR = """\
---
entity:
  name: Acme Motors
  aliases: [Acme]
  kind: suitor
  summary: A carmaker that might buy a stake.
suitor:
  status: in talks
  deal: [stake purchase]
  public: true
  home: https://acme.example/
  as_of: 2025-02-28
  sources:
    - title: Acme press release
      url: https://acme.example/press
---
# Acme Motors

Acme Motors is in talks with Beta.
"""

COMPANY = """\
---
entity:
  name: Beta Cars
  aliases: [Beta]
  kind: company
  summary: The carmaker everyone talks about.
---
# Beta Cars

Beta Cars needs a partner such as Acme.
"""

GOOD_PAGES = {
    "index.md": "# Home\n\nAcme Motors and Beta Cars.\n",
    "suitors/acme.md": SUITOR,
    "companies/beta.md": COMPANY,
}


def write_site(root: Path, pages: Mapping[str, str | bytes], config: str = CONFIG) -> Path:
    """A small site under `root`; returns its mkdocs.yml."""
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for name, text in pages.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root / "mkdocs.yml"


def with_page(name: str, text: str | bytes) -> dict[str, str | bytes]:
    return {**GOOD_PAGES, name: text}


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def mkdocs_log() -> Iterator[list[str]]:
    """The warnings and errors MkDocs logs meanwhile (what `mkdocs build` would print)."""
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)


def build_fails(root: Path, pages: Mapping[str, str | bytes], config: str = CONFIG) -> str:
    """Build like `mkdocs build --strict`; assert it stops; return what it logged."""
    config_file = write_site(root, pages, config)
    with mkdocs_log() as messages, pytest.raises(Abort):
        build_site(config_file, root / "site")
    output = "\n".join(messages)
    assert "Traceback" not in output
    return output


def cli_build(root: Path) -> subprocess.CompletedProcess[str]:
    """The real command line, as an editor runs it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(root / "site")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def edit(text: str, old: str, new: str) -> str:
    assert old in text, f"{old!r} is not in the page to edit"
    return text.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    """1-based line number of the first line containing `needle`."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


# -- The good site builds: every case below differs from it by one mistake. ----------------


def test_the_unbroken_site_builds(tmp_path: Path) -> None:
    build_site(write_site(tmp_path, GOOD_PAGES), tmp_path / "site")
    assert (tmp_path / "site" / "suitors" / "acme" / "index.html").is_file()


# -- YAML --------------------------------------------------------------------------------


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    page = edit(SUITOR, "  kind: suitor\n", "  kind: suitor: maybe\n")
    output = build_fails(tmp_path, with_page("suitors/acme.md", page))
    assert "docs/suitors/acme.md" in output
    assert "not valid YAML" in output
    assert f"at line {line_of(page, 'kind: suitor: maybe')}" in output
    assert "indentation" in output  # the hint at the fix


def test_yaml_tab_indentation_names_file_and_line(tmp_path: Path) -> None:
    page = edit(COMPANY, "  kind: company\n", "\tkind: company\n")
    output = build_fails(tmp_path, with_page("companies/beta.md", page))
    assert "docs/companies/beta.md: front matter is not valid YAML at line " in output
    assert f"line {line_of(page, chr(9) + 'kind')}" in output


def test_front_matter_that_is_not_a_mapping(tmp_path: Path) -> None:
    output = build_fails(tmp_path, with_page("notes.md", "---\n- just\n- a list\n---\n# Notes\n"))
    assert "docs/notes.md: front matter must be a mapping of keys, not a list" in output


def test_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    page = edit(COMPANY, "  kind: company\n", "  kind: company\n  name: Beta Again\n")
    output = build_fails(tmp_path, with_page("companies/beta.md", page))
    assert "docs/companies/beta.md" in output
    assert "'name' appears twice" in output
    assert f"first at line {line_of(page, 'name: Beta Cars')}" in output
    assert f"at line {line_of(page, 'name: Beta Again')}" in output


def test_absurdly_deep_front_matter_is_an_error_not_a_crash(tmp_path: Path) -> None:
    page = "---\nnotes: " + "[" * 3000 + "]" * 3000 + "\n---\n# Deep\n"
    output = build_fails(tmp_path, with_page("deep.md", page))
    assert "docs/deep.md: front matter is nested too deeply" in output


def test_page_that_is_not_utf8(tmp_path: Path) -> None:
    raw = "# Café\n\nLatin-1, not UTF-8.\n".encode("latin-1")
    output = build_fails(tmp_path, with_page("latin1.md", raw))
    position = raw.index("é".encode("latin-1"))
    assert f"docs/latin1.md: is not UTF-8 text (byte 0xe9 at position {position})" in output
    assert "save the file with UTF-8 encoding" in output


# -- entity: -----------------------------------------------------------------------------


def test_entity_not_a_mapping(tmp_path: Path) -> None:
    page = "---\nentity: Beta Cars\n---\n# Beta Cars\n"
    output = build_fails(tmp_path, with_page("companies/beta.md", page))
    assert "docs/companies/beta.md: entity: must be a mapping of fields" in output
    assert "`name:`" in output
    assert "text ('Beta Cars')" in output


def test_entity_name_missing(tmp_path: Path) -> None:
    page = edit(COMPANY, "  name: Beta Cars\n", "")
    output = build_fails(tmp_path, with_page("companies/beta.md", page))
    assert "docs/companies/beta.md: entity.name: is required" in output


@pytest.mark.parametrize("empty", ['""', "'   '", "~"])
def test_entity_name_empty(tmp_path: Path, empty: str) -> None:
    page = edit(COMPANY, "  name: Beta Cars\n", f"  name: {empty}\n")
    output = build_fails(tmp_path, with_page("companies/beta.md", page))
    assert "docs/companies/beta.md: entity.name:" in output
    assert "must not be empty" in output or "is required" in output


def test_name_used_by_two_entities_names_both_files(tmp_path: Path) -> None:
    twin = edit(COMPANY, "  aliases: [Beta]\n", "")
    output = build_fails(tmp_path, with_page("companies/beta-twin.md", twin))
    assert "'Beta Cars' is already used by" in output
    assert "companies/beta-twin.md" in output and "companies/beta.md" in output
    assert "entity.name" in output
    assert "must be unique" in output
    assert "1 front matter problem:" in output  # not again as an id clash


def test_alias_used_by_two_entities_names_both_files(tmp_path: Path) -> None:
    page = edit(COMPANY, "  aliases: [Beta]\n", "  aliases: [Beta, Acme Motors]\n")
    output = build_fails(tmp_path, with_page("companies/beta.md", page))
    # Reported on the alias (the one to change), though its page is read first.
    assert (
        "docs/companies/beta.md: entity.aliases: 'Acme Motors' is already used by suitors/acme.md"
        in (output)
    )
    assert "1 front matter problem:" in output


def test_names_differing_only_in_case_clash_when_matching_ignores_case(tmp_path: Path) -> None:
    page = edit(COMPANY, "  aliases: [Beta]\n", "  aliases: [Beta, acme motors]\n")
    pages = with_page("companies/beta.md", page)
    build_site(write_site(tmp_path, pages), tmp_path / "site")  # case-sensitive: no clash
    insensitive = CONFIG.replace(
        "  - explainer:\n", "  - explainer:\n      case_sensitive: false\n"
    )
    output = build_fails(tmp_path / "ci", pages, insensitive)
    assert (
        "docs/companies/beta.md: entity.aliases: 'acme motors' is already used by suitors/acme.md"
    ) in output


def test_names_that_give_the_same_id(tmp_path: Path) -> None:
    page = edit(COMPANY, "  name: Beta Cars\n", "  name: BETA cars\n")
    other = edit(COMPANY, "  aliases: [Beta]\n", "")
    output = build_fails(
        tmp_path, {**with_page("companies/beta.md", page), "companies/other.md": other}
    )
    assert "gives the same id 'beta-cars'" in output
    assert "rename one of them" in output


def test_non_latin_names_do_not_collide(tmp_path: Path) -> None:
    """Names without Latin letters used to slug to the same id and fail as duplicates."""
    pages = dict(GOOD_PAGES)
    for slug, name in [("nissan-ja", "日産"), ("honda-ja", "本田"), ("lada", "Лада")]:
        pages[f"companies/{slug}.md"] = (
            f"---\nentity:\n  name: {name}\n  kind: company\n  summary: {name}.\n---\n# {slug}\n"
        )
    pages["index.md"] = "# Home\n\n日産 と 本田、Лада.\n"
    site = tmp_path / "site"
    build_site(write_site(tmp_path, pages), site)
    home = (site / "index.html").read_text(encoding="utf-8")
    ids = {part.split('"')[0] for part in home.split('data-entity="')[1:]}
    assert len(ids) == 3


def test_alias_too_short(tmp_path: Path) -> None:
    page = edit(COMPANY, "  aliases: [Beta]\n", "  aliases: [Beta, B]\n")
    output = build_fails(tmp_path, with_page("companies/beta.md", page))
    assert "docs/companies/beta.md: entity.aliases: item 2 'B' is too short" in output
    assert "at least 2 characters" in output


def test_unknown_kind_suggests_the_closest(tmp_path: Path) -> None:
    page = edit(COMPANY, "  kind: company\n", "  kind: compnay\n")
    output = build_fails(tmp_path, with_page("companies/beta.md", page))
    assert "docs/companies/beta.md: entity.kind: unknown kind 'compnay'" in output
    assert "did you mean `company`?" in output
    assert "subject, suitor, company" in output  # the kinds mkdocs.yml declares


def test_misspelt_entity_field_suggests_the_right_one(tmp_path: Path) -> None:
    page = edit(COMPANY, "  summary:", "  sumary:")
    output = build_fails(tmp_path, with_page("companies/beta.md", page))
    assert "docs/companies/beta.md: entity.sumary: unknown field (did you mean `summary`?)" in (
        output
    )
    assert "entity.summary: is required" in output


def test_misspelt_field_far_from_any_lists_the_allowed(tmp_path: Path) -> None:
    page = edit(COMPANY, "  kind: company\n", "  kind: company\n  website: beta.example\n")
    output = build_fails(tmp_path, with_page("companies/beta.md", page))
    assert "entity.website: unknown field (allowed: name, aliases, kind, summary)" in output


def test_misspelt_entity_key_suggests_entity(tmp_path: Path) -> None:
    page = edit(COMPANY, "entity:\n", "entiy:\n")
    output = build_fails(tmp_path, with_page("companies/beta.md", page))
    assert "docs/companies/beta.md: entiy: unknown key (did you mean `entity`?)" in output


@pytest.mark.parametrize(
    ("field", "bad", "described"),
    [
        ("name", "42", "a number (42)"),
        ("name", "[Beta, Cars]", "a list"),
        ("kind", "yes", "a yes/no value (true)"),
        ("summary", "{short: text}", "a mapping"),
        ("summary", "2025-02-28", "a date (2025-02-28)"),
        ("aliases", "{Beta: B}", "a mapping"),
    ],
)
def test_wrong_value_type(tmp_path: Path, field: str, bad: str, described: str) -> None:
    lines = [ln for ln in COMPANY.splitlines(keepends=True) if ln.startswith(f"  {field}:")]
    page = edit(COMPANY, lines[0], f"  {field}: {bad}\n")
    output = build_fails(tmp_path, with_page("companies/beta.md", page))
    assert f"docs/companies/beta.md: entity.{field}:" in output
    assert f"not {described}" in output
    assert "must be" in output


def test_summary_too_long_says_how_long_it_may_be(tmp_path: Path) -> None:
    long = "word " * 60
    page = edit(COMPANY, "The carmaker everyone talks about.", long)
    output = build_fails(tmp_path, with_page("companies/beta.md", page))
    assert f"entity.summary: is {len(long.strip())} characters long" in output
    assert "keep it to 200 or fewer" in output


def test_every_problem_on_the_site_is_reported_at_once(tmp_path: Path) -> None:
    broken_company = edit(COMPANY, "  kind: company\n", "  kind: compnay\n")
    broken_index = "---\ntitle: [unclosed\n---\n# Home\n"
    pages = {**GOOD_PAGES, "companies/beta.md": broken_company, "index.md": broken_index}
    output = build_fails(tmp_path, pages)
    assert "2 front matter problems" in output
    assert "docs/companies/beta.md: entity.kind" in output
    assert "docs/index.md: front matter is not valid YAML" in output


# -- suitor: (the comparison page, issue 4) ----------------------------------------------


def test_suitor_not_a_mapping(tmp_path: Path) -> None:
    start, end = SUITOR.index("suitor:\n  status"), SUITOR.index("---\n# Acme")
    page = SUITOR[:start] + "suitor: in talks\n" + SUITOR[end:]
    output = build_fails(tmp_path, with_page("suitors/acme.md", page))
    assert "docs/suitors/acme.md" in output
    assert "suitor" in output and "mapping" in output


STATUS, AS_OF, DEAL = "  status: in talks\n", "  as_of: 2025-02-28\n", "  deal: [stake purchase]\n"
#: One mistake in a suitor's values: (line to change, its replacement, what the message says
#: besides the page's path).
SUITOR_MISTAKES = {
    # The wrong value, and the allowed one (or the suggestion).
    "unknown-enum-value": (
        STATUS,
        "  status: in tlaks\n",
        ["suitor.status", "in tlaks", "in talks"],
    ),
    **{
        f"invalid-date-{bad}": (AS_OF, f"  as_of: {bad}\n", ["suitor.as_of", bad])
        for bad in ["2025-02-30", "2025-13-01", "next week", "28/02/2025"]
    },
    "wrong-type-deal": (DEAL, "  deal: {stake: purchase}\n", ["suitor.deal"]),
    "wrong-type-public": ("  public: true\n", "  public: [true]\n", ["suitor.public"]),
    "wrong-type-status": (STATUS, "  status: 3\n", ["suitor.status"]),
    "missing-required-field": (STATUS, "", ["suitor.status"]),
    "misspelt-field-suggests-the-right-one": ("  deal:", "  dael:", ["suitor.dael", "`deal`"]),
}


@pytest.mark.parametrize("case", SUITOR_MISTAKES)
def test_suitor_value_mistake_names_page_and_field(tmp_path: Path, case: str) -> None:
    old, new, expected = SUITOR_MISTAKES[case]
    output = build_fails(tmp_path, with_page("suitors/acme.md", edit(SUITOR, old, new)))
    assert "docs/suitors/acme.md" in output
    for fragment in expected:
        assert fragment in output


def test_suitor_values_on_a_page_of_another_kind(tmp_path: Path) -> None:
    page = edit(COMPANY, "---\n# Beta", "suitor:\n  status: in talks\n---\n# Beta")
    output = build_fails(tmp_path, with_page("companies/beta.md", page))
    assert "docs/companies/beta.md" in output
    assert "suitor" in output
    assert "company" in output  # the page's kind, which is why `suitor:` does not belong


@pytest.mark.parametrize("clash", ["compare.md", "compare/index.md"])
def test_comparison_path_collides_with_a_real_page(tmp_path: Path, clash: str) -> None:
    output = build_fails(tmp_path, with_page(clash, "# Hand-written comparison\n"))
    assert clash in output or f"docs/{clash}" in output
    assert "compare/" in output


def test_suitor_page_excluded_from_the_build(tmp_path: Path) -> None:
    config = CONFIG + "exclude_docs: |\n  suitors/acme.md\n"
    output = build_fails(tmp_path, GOOD_PAGES, config)
    assert "suitors/acme.md" in output


def test_a_draft_suitor_page_is_left_out_quietly(tmp_path: Path) -> None:
    config = CONFIG + "draft_docs: |\n  suitors/acme.md\n"
    site = tmp_path / "site"
    build_site(write_site(tmp_path, GOOD_PAGES, config), site)  # strict: nothing logged
    assert not (site / "suitors" / "acme").exists()
    assert "Acme Motors" not in (site / "compare" / "index.html").read_text(encoding="utf-8")


# -- Empty sites --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pages",
    [
        {"index.md": "# Nothing to see\n\nNo entity anywhere.\n"},
        {"index.md": ""},
        {"index.md": "---\n---\n"},
    ],
    ids=["no-entities", "empty-page", "empty-front-matter"],
)
def test_site_without_entities_builds(tmp_path: Path, pages: dict[str, str]) -> None:
    site = tmp_path / "site"
    with mkdocs_log() as messages:
        build_site(write_site(tmp_path, pages), site)
    assert (site / "index.html").is_file()
    assert not messages


# -- The real command line ----------------------------------------------------------------

CLI_CASES = {
    "yaml-error": (
        with_page("suitors/acme.md", edit(SUITOR, "  kind: suitor\n", "  kind: [suitor\n")),
        ["docs/suitors/acme.md: front matter is not valid YAML at line"],
    ),
    "duplicate-name": (
        with_page("companies/twin.md", edit(COMPANY, "  aliases: [Beta]\n", "")),
        ["'Beta Cars' is already used by", "companies/twin.md", "companies/beta.md"],
    ),
    "unknown-kind": (
        with_page("companies/beta.md", edit(COMPANY, "kind: company", "kind: compnay")),
        ["docs/companies/beta.md: entity.kind: unknown kind 'compnay'", "`company`"],
    ),
    "not-utf8": (
        with_page("latin1.md", "# Caf\xe9\n".encode("latin-1")),
        ["docs/latin1.md: is not UTF-8 text"],
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(CLI_CASES))
def test_cli_build_fails_with_message_not_traceback(tmp_path: Path, case: str) -> None:
    pages, expected = CLI_CASES[case]
    write_site(tmp_path, pages)
    result = cli_build(tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    for fragment in expected:
        assert fragment in output
    assert "Traceback" not in output
    assert not (tmp_path / "site" / "index.html").exists()


@pytest.mark.slow
def test_cli_invalid_suitor_date_fails_with_message_not_traceback(tmp_path: Path) -> None:
    page = edit(SUITOR, "  as_of: 2025-02-28\n", "  as_of: 2025-02-30\n")
    write_site(tmp_path, with_page("suitors/acme.md", page))
    result = cli_build(tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output
    assert "docs/suitors/acme.md" in output and "suitor.as_of" in output


def test_cli_good_site_builds(tmp_path: Path) -> None:
    """The control for the command-line cases: the same site without the mistake passes."""
    write_site(tmp_path, GOOD_PAGES)
    result = cli_build(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
