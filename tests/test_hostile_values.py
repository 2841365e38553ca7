"""Issue 13, round two of hostile input: each class of attack, on a small site built for it.

Every case builds a copy of test_bad_input's small site with one hostile value, and checks
either that the build stops with a message naming the file (and no traceback), or that the
value reaches the page as inert text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from . import test_hostile_input
from .conftest import build_site
from .test_bad_input import CONFIG, SUITOR, build_fails, cli_build, edit, with_page, write_site
from .test_hostile_input import parse

#: The small site's configuration plus a suitor field rendered as Markdown.
MARKDOWN_FIELD_CONFIG = (
    CONFIG + "          - {key: offers, label: Offers, type: text, markdown: true}\n"
)


# -- 2. Link filtering judges the URL the page will carry --------------------------------

#: Each would be a link to another host, or a script, once Markdown resolved its escapes.
ESCAPED_OFF_SITE = {
    "backslashes-link": r"[x](\\\\evil.example/x)",
    "escaped-slashes": r"[x](\\/\\/evil.example/x)",
    "backslashes-image": r"![pixel](\\\\evil.example/pixel.png)",
    "escaped-slashes-image": r"![pixel](\\/\\/evil.example/pixel.png)",
}


@pytest.mark.parametrize("strict", [True, False], ids=["strict", "not-strict"])
@pytest.mark.parametrize("case", sorted(ESCAPED_OFF_SITE))
def test_markdown_escapes_cannot_smuggle_an_off_site_url(
    tmp_path: Path, case: str, strict: bool
) -> None:
    offers = ESCAPED_OFF_SITE[case].replace("\\", "\\\\")
    page = edit(SUITOR, "  as_of:", f'  offers: "{offers}"\n  as_of:')
    config_file = write_site(tmp_path, with_page("suitors/acme.md", page), MARKDOWN_FIELD_CONFIG)
    config = load_config(str(config_file), site_dir=str(tmp_path / "site"), strict=strict)
    build(config)
    compare = tmp_path / "site" / "compare" / "index.html"
    for element in parse(compare).elements:
        for attr in ("href", "src"):
            value = element.attrs.get(attr, "")
            assert "evil.example" not in value, f"{case}: {element.tag} {attr}={value!r}"
    # The text stays on the page: the link is shown as its words.
    assert ("pixel" if "image" in case else "x") in parse(compare).text


def test_a_plain_relative_link_with_an_escape_stays_a_link(tmp_path: Path) -> None:
    """The control: resolving escapes does not make ordinary links unsafe."""
    page = edit(SUITOR, "  as_of:", '  offers: "See [the home page](index.md) \\\\_now"\n  as_of:')
    config_file = write_site(tmp_path, with_page("suitors/acme.md", page), MARKDOWN_FIELD_CONFIG)
    build_site(config_file, tmp_path / "site")
    compare = tmp_path / "site" / "compare" / "index.html"
    hrefs = [e.attrs.get("href") for e in parse(compare).elements if e.tag == "a"]
    assert "../" in hrefs


# -- 4. No traceback from any value; what MkDocs cannot read fails the build -------------

IMPOSSIBLE_VALUES = {
    "year-zero": ("0000-01-01", "a date"),
    "february-30": ("2025-02-30", "a date"),
    "offset-out-of-range": ("2025-01-01 00:00:00 +99:00", "a date"),
    "hex-without-digits": ("0x_", "a number"),
    "too-many-digits": ("1" * 5000, "a number"),
}


@pytest.mark.parametrize("where", ["unused-key", "nested-in-list"])
@pytest.mark.parametrize("case", sorted(IMPOSSIBLE_VALUES))
def test_a_value_mkdocs_cannot_read_fails_the_build_naming_file_and_key(
    tmp_path: Path, case: str, where: str
) -> None:
    """MkDocs would drop the front matter and publish it as the page's text."""
    value, looks_like = IMPOSSIBLE_VALUES[case]
    line = f"updated: {value}\n" if where == "unused-key" else f"history:\n  - {value}\n"
    page = edit(SUITOR, "entity:\n", line + "entity:\n")
    output = build_fails(tmp_path, with_page("suitors/acme.md", page))
    field = "updated" if where == "unused-key" else "history.item 1"
    assert f"docs/suitors/acme.md: {field}: " in output
    assert f"looks like {looks_like}" in output and "quotes" in output


def test_a_quoted_impossible_date_is_text_and_builds(tmp_path: Path) -> None:
    """The control: the fix the message gives works."""
    page = edit(SUITOR, "entity:\n", "updated: '0000-01-01'\nentity:\n")
    build_site(write_site(tmp_path, with_page("suitors/acme.md", page)), tmp_path / "site")
    assert "0000-01-01" not in (tmp_path / "site" / "suitors" / "acme" / "index.html").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("url", ["http://[::1/x", "https://[evil.example/", "http://]/"])
@pytest.mark.parametrize("where", ["home", "sources"])
def test_malformed_ipv6_host_is_a_message_not_a_traceback(
    tmp_path: Path, url: str, where: str
) -> None:
    old = "home: https://acme.example/" if where == "home" else "url: https://acme.example/press"
    page = edit(SUITOR, old, old.split(":")[0] + f": '{url}'")
    output = build_fails(tmp_path, with_page("suitors/acme.md", page))
    assert "docs/suitors/acme.md" in output and f"suitor.{where}" in output


def test_malformed_ipv6_link_in_a_markdown_field_is_shown_as_text(tmp_path: Path) -> None:
    page = edit(SUITOR, "  as_of:", '  offers: "[x](http://[::1/x)"\n  as_of:')
    config_file = write_site(tmp_path, with_page("suitors/acme.md", page), MARKDOWN_FIELD_CONFIG)
    build_site(config_file, tmp_path / "site")
    test_hostile_input.test_only_http_https_and_relative_urls(("", tmp_path / "site"))


# -- 7. Messages are safe to print -------------------------------------------------------

#: Would clear the screen and print a fake success line on a terminal that ran it.
TERMINAL_ESCAPE = "\x1b[2J\x1b[1;1HBuild OK\x1b]0;pwned\x07"


@pytest.mark.parametrize("where", ["key", "kind", "key-in-entity"])
def test_terminal_escapes_in_values_are_shown_not_run(tmp_path: Path, where: str) -> None:
    yaml_value = TERMINAL_ESCAPE.encode("unicode_escape").decode("ascii").replace("\\x", "\\x")
    quoted = f'"{yaml_value}"'
    if where == "key":
        page = edit(SUITOR, "entity:\n", f"{quoted}: 0000-01-01\nentity:\n")
    elif where == "kind":
        page = edit(SUITOR, "kind: suitor", f"kind: {quoted}")
    else:
        page = edit(SUITOR, "  kind: suitor\n", f"  kind: suitor\n  {quoted}: x\n")
    output = build_fails(tmp_path, with_page("suitors/acme.md", page))
    assert "docs/suitors/acme.md" in output
    assert "\x1b" not in output and "\x07" not in output
    assert "\\x1b[2J" in output  # shown, as an escape an editor can find in the file


@pytest.mark.slow
def test_cli_output_carries_no_terminal_escape(tmp_path: Path) -> None:
    page = edit(SUITOR, "kind: suitor", 'kind: "\\x1b[2Jsuitor"')
    write_site(tmp_path, with_page("suitors/acme.md", page))
    result = cli_build(tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/suitors/acme.md" in output
    # MkDocs colours its own log level names; nothing else may reach the terminal raw.
    assert not re.search(r"\x1b\[2J", output)
