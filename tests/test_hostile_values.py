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
from mkdocs.exceptions import Abort

from . import test_hostile_input
from .conftest import build_site
from .test_bad_input import (
    CONFIG,
    SUITOR,
    build_fails,
    cli_build,
    edit,
    mkdocs_log,
    with_page,
    write_site,
)
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
    # Shown as an escape an editor can find in the file, or named by its code point.
    assert "\\x1b[2J" in output or "U+001B" in output


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


# -- 1. Every front-matter key that reaches a page is inert --------------------------------

PAYLOAD = "<script>alert('x')</script><img src=x onerror=alert('x')>"
#: A theme override that prints a key no theme knows, as a site's own templates may.
OVERRIDE = """\
{% extends "base.html" %}
{% block content %}{{ super() }}<div id="custom">{{ page.meta.custom }}</div>{% endblock %}
"""
META_CONFIG = CONFIG.replace(
    "theme: {name: material, font: false}",
    "theme: {name: material, font: false, custom_dir: overrides}\n"
    "extra:\n  status:\n    new: Recently added",
)


def _meta_site(tmp_path: Path, front_matter: str) -> Path:
    page = f"---\n{front_matter}---\n# About\n\nAcme Motors and Beta Cars.\n"
    config_file = write_site(tmp_path, with_page("about.md", page), META_CONFIG)
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "main.html").write_text(OVERRIDE, encoding="utf-8")
    return config_file


def _assert_inert(site: Path) -> None:
    for path in site.rglob("*.html"):
        source = path.read_text(encoding="utf-8")
        assert "<script>alert(" not in source, path
        assert "<img src=x" not in source, path
        handlers = [(e.tag, a) for e in parse(path).elements for a in e.attrs if a.startswith("on")]
        assert not handlers, (path, handlers)


Q = "'" + PAYLOAD.replace("'", "''") + "'"

#: Keys Material's templates print as text (or a site's own template may): shown as typed.
INERT_KEYS = {
    "subtitle": f"subtitle: {Q}\n",
    "author": f"author: {Q}\n",
    "tags": f"tags: [{Q}]\n",
    "revision_date": f"revision_date: {Q}\n",
    "git_revision_date_localized": f"git_revision_date_localized: {Q}\n",
    "git_creation_date_localized": f"git_creation_date_localized: {Q}\n",
    "custom-text": f"custom: {Q}\n",
    "custom-nested": f"custom: [{{deep: [{Q}]}}]\n",
    "custom-key": f"custom: {{{Q}: 1}}\n",
}


@pytest.mark.parametrize("case", sorted(INERT_KEYS))
def test_keys_the_theme_prints_are_shown_as_typed(tmp_path: Path, case: str) -> None:
    build_site(_meta_site(tmp_path, INERT_KEYS[case]), tmp_path / "site")
    _assert_inert(tmp_path / "site")
    about = tmp_path / "site" / "about" / "index.html"
    page = parse(about)
    if case == "author":
        authors = [e.attrs.get("content") for e in page.elements if e.attrs.get("name") == "author"]
        assert authors == [PAYLOAD]
    elif case in ("subtitle", "custom-text"):
        assert PAYLOAD in page.text  # readers see the text that was typed


#: Values the theme would put into markup, a path or a class: refused, naming the key.
REFUSED_KEYS = {
    "title-list": (f"title: [{Q}]\n", "title", "must be text, not a list"),
    "title-mapping": (f"title: {{a: {Q}}}\n", "title", "must be text, not a mapping"),
    "description-list": (f"description: [{Q}]\n", "description", "must be text"),
    "subtitle-yes-no": ("subtitle: yes\n", "subtitle", "must be text"),
    "status-breakout": (f"status: {Q}\n", "status", "is not one word"),
    "icon-path": ("icon: ../../../../etc/passwd\n", "icon", "is not an icon name"),
    "template-path": ("template: ../../secret.html\n", "template", "is not a template"),
    "hide-text": ("hide: toc\n", "hide", "must be a list"),
    "hide-unknown": ("hide: [everything]\n", "hide", "cannot be hidden"),
    "search-boost": (f"search: {{boost: {Q}}}\n", "search", "boost must be a number"),
    "location": ("location: 'javascript:alert(1)'\n", "location", "is not a web link"),
    "crosslinks-text": ("crosslinks: 'false'\n", "crosslinks", "without quotes"),
    "crosslinks-number": ("crosslinks: 0\n", "crosslinks", "must be true or false"),
}


@pytest.mark.parametrize("case", sorted(REFUSED_KEYS))
def test_values_the_theme_cannot_print_safely_are_refused(tmp_path: Path, case: str) -> None:
    front_matter, field, message = REFUSED_KEYS[case]
    config_file = _meta_site(tmp_path, front_matter)
    with mkdocs_log() as messages, pytest.raises(Abort):
        build_site(config_file, tmp_path / "site")
    output = "\n".join(messages)
    assert f"docs/about.md: {field}: " in output and message in output
    assert "Traceback" not in output


@pytest.mark.parametrize(
    "front_matter",
    [
        "title: 2025\nsubtitle: 2025-02-28\nstatus: new\nicon: material/star\n",
        "hide: [toc, footer]\nsearch: {boost: 2}\ntags: [cars]\ncrosslinks: false\n",
        "template: main.html\nlocation: sources.md\n",
    ],
)
def test_ordinary_values_of_those_keys_still_build(tmp_path: Path, front_matter: str) -> None:
    """The control for the refusals: what Material documents for each key is accepted."""
    build_site(_meta_site(tmp_path, front_matter), tmp_path / "site")
    assert (tmp_path / "site" / "about" / "index.html").is_file()


def test_a_multimarkdown_style_title_is_escaped_too(tmp_path: Path) -> None:
    """MkDocs also reads `Key: value` lines at the top of a page without `---`."""
    page = f"Title: {PAYLOAD}\n\n# About\n\nAcme Motors.\n"
    build_site(write_site(tmp_path, with_page("about.md", page)), tmp_path / "site")
    _assert_inert(tmp_path / "site")


# -- 3. Control, bidirectional and invisible characters; names; normalisation --------------

REFUSED_CHARACTERS = {
    "stx": "\x02",
    "etx": "\x03",
    "placeholder": "\x02wzxhzdk:0\x03",
    "escape": "\x1b",
    "c1": "\x85\x9b",
    "rlo": "\u202e",
    "isolate": "\u2066",
    "zero-width-space": "\u200b",
    "bom": "\ufeff",
    "tag-character": "\U000e0041",
}


@pytest.mark.parametrize("field", ["name", "aliases", "summary", "kind"])
@pytest.mark.parametrize("case", sorted(REFUSED_CHARACTERS))
def test_control_and_invisible_characters_are_refused(
    tmp_path: Path, case: str, field: str
) -> None:
    char = REFUSED_CHARACTERS[case].encode("unicode_escape").decode("ascii")
    old = {
        "name": "name: Acme Motors",
        "aliases": "aliases: [Acme]",
        "summary": "summary: A carmaker that might buy a stake.",
        "kind": "kind: suitor",
    }[field]
    key, value = old.split(": ", 1)
    value = value.strip("[]")
    new = f'{key}: "{value[:2]}{char}{value[2:]}"'
    if field == "aliases":
        new = f'{key}: ["{value[:2]}{char}{value[2:]}"]'
    output = build_fails(tmp_path, with_page("suitors/acme.md", edit(SUITOR, old, new)))
    assert f"docs/suitors/acme.md: entity.{field}" in output
    assert "U+" in output and "delete it" in output


@pytest.mark.parametrize("key", ["title", "description", "custom"])
def test_control_characters_in_any_key_are_refused(tmp_path: Path, key: str) -> None:
    page = edit(SUITOR, "entity:\n", f'{key}: "Acme\\x02wzxhzdk:0\\x03"\nentity:\n')
    output = build_fails(tmp_path, with_page("suitors/acme.md", page))
    assert f"docs/suitors/acme.md: {key}: contains U+0002" in output


@pytest.mark.parametrize("name", ["'!!!'", "'——'", "'..'", "'🚗🚗'"])
@pytest.mark.parametrize("field", ["name", "aliases"])
def test_a_name_needs_a_letter_or_a_digit(tmp_path: Path, name: str, field: str) -> None:
    old, new = (
        ("name: Acme Motors", f"name: {name}")
        if field == "name"
        else ("aliases: [Acme]", f"aliases: [{name}]")
    )
    output = build_fails(tmp_path, with_page("suitors/acme.md", edit(SUITOR, old, new)))
    assert f"docs/suitors/acme.md: entity.{field}" in output
    assert "no letter or digit" in output


@pytest.mark.parametrize(
    ("in_front_matter", "in_text"),
    [
        ("Société Générale", "Socie\u0301te\u0301 Ge\u0301ne\u0301rale"),  # text decomposed
        ("Socie\u0301te\u0301 Ge\u0301ne\u0301rale", "Société Générale"),  # name decomposed
        ("Acme\u00a0Motors", "Acme Motors"),  # no-break space in the name
        ("Acme Motors", "Acme\u00a0Motors"),  # no-break space in the text
        ("Acme Motors", "Acme\u202fMotors"),  # narrow no-break space in the text
    ],
    ids=["nfd-text", "nfd-name", "nbsp-name", "nbsp-text", "nnbsp-text"],
)
def test_names_and_text_are_compared_normalised(
    tmp_path: Path, in_front_matter: str, in_text: str
) -> None:
    escaped = in_front_matter.encode("unicode_escape").decode("ascii")
    page = edit(SUITOR, "name: Acme Motors", f'name: "{escaped}"')
    pages = {**with_page("suitors/acme.md", page), "index.md": f"# Home\n\nAbout {in_text}.\n"}
    build_site(write_site(tmp_path, pages), tmp_path / "site")
    links = [
        e
        for e in parse(tmp_path / "site" / "index.html").elements
        if e.tag == "a" and "entity-link" in e.attrs.get("class", "")
    ]
    expected = "acme-motors" if "Acme" in in_front_matter else "societe-generale"
    assert [e.attrs.get("data-entity") for e in links] == [expected]


def test_a_name_with_an_accent_does_not_match_the_bare_letters(tmp_path: Path) -> None:
    """'Cafe' is not a mention inside 'Café', however the accent was typed."""
    page = edit(SUITOR, "name: Acme Motors", "name: Cafe")
    pages = {**with_page("suitors/acme.md", page), "index.md": "# Home\n\nCafe\u0301 opens.\n"}
    build_site(write_site(tmp_path, pages), tmp_path / "site")
    assert 'class="entity-link"' not in (tmp_path / "site" / "index.html").read_text("utf-8")


# -- 6. The linker: hidden elements, unclosed tags, odd file names --------------------------

#: Markdown in which the first mention of Beta Cars sits where no reader sees it as text.
HIDDEN_MENTIONS = {
    tag: f"A <{tag}>Beta Cars</{tag}> here.\n\nLater, Beta Cars again.\n"
    for tag in ("script", "style", "textarea", "xmp", "iframe", "noembed", "noscript")
} | {
    "template": "A <template>Beta Cars</template> here.\n\nLater, Beta Cars again.\n",
    "template-markdown": '<template markdown="1">Beta Cars</template>\n\nLater, Beta Cars again.\n',
    "noscript-markdown": '<noscript markdown="1">Beta Cars</noscript>\n\nLater, Beta Cars again.\n',
    "comment": "A <!-- Beta Cars --> here.\n\nLater, Beta Cars again.\n",
    "comment-in-cell": (
        "| a | b |\n|---|---|\n| <!-- Beta Cars --> | x |\n\nLater, Beta Cars again.\n"
    ),
}


@pytest.mark.parametrize("case", sorted(HIDDEN_MENTIONS))
def test_hidden_elements_are_never_linked_nor_use_up_the_first_mention(
    tmp_path: Path, case: str
) -> None:
    pages = {**with_page("index.md", "# Home\n\n" + HIDDEN_MENTIONS[case])}
    build_site(write_site(tmp_path, pages), tmp_path / "site")
    source = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    article = source[source.index("<article") : source.index("</article>")]
    first, later = article.split(" here" if "here" in article else "Later", 1)
    assert "entity-link" not in first, case
    assert later.count('data-entity="beta-cars"') == 1, case


def test_an_unclosed_inline_tag_ends_with_its_paragraph(tmp_path: Path) -> None:
    page = "# Home\n\nPress <kbd>Ctrl for more\n\nAcme Motors talks to Beta Cars.\n"
    build_site(write_site(tmp_path, with_page("index.md", page)), tmp_path / "site")
    source = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'data-entity="acme-motors"' in source and 'data-entity="beta-cars"' in source


@pytest.mark.parametrize("filename", ["beta#2.md", "beta?.md", "100%beta.md", "beta cars.md"])
def test_entity_pages_with_odd_file_names_get_working_links(tmp_path: Path, filename: str) -> None:
    from .test_bad_input import COMPANY

    pages = {
        "index.md": "# Home\n\nAcme Motors and Beta Cars.\n",
        "suitors/acme.md": SUITOR,
        f"companies/{filename}": COMPANY,
    }
    site = tmp_path / "site"
    build_site(write_site(tmp_path, pages), site)  # strict: a broken link would warn
    home = parse(site / "index.html")
    (link,) = [
        e for e in home.elements if e.tag == "a" and e.attrs.get("data-entity") == "beta-cars"
    ]
    # The link, resolved like a browser resolves it, lands on the page that was built.
    from urllib.parse import unquote, urljoin, urlsplit

    target = unquote(urlsplit(urljoin("http://h/", link.attrs["href"])).path).lstrip("/")
    built = site / target / "index.html" if not target.endswith(".html") else site / target
    assert built.is_file(), (link.attrs["href"], target)
    assert "Beta Cars" in parse(built).text


# -- 9. Backlinks -------------------------------------------------------------------------


def _backlinks_section(site: Path) -> str:
    html = (site / "companies" / "beta" / "index.html").read_text(encoding="utf-8")
    start = html.index('class="entity-backlinks')
    return html[start : html.index("</section>", start)]


def test_pages_outside_the_nav_are_in_the_backlinks(tmp_path: Path) -> None:
    config = CONFIG + "nav:\n  - index.md\n  - suitors/acme.md\n  - companies/beta.md\n"
    pages = {**with_page("extra.md", "# Extra notes\n\nA note on Beta Cars.\n")}
    build_site(write_site(tmp_path, pages, config), tmp_path / "site")
    section = _backlinks_section(tmp_path / "site")
    assert "Extra notes" in section and "A note on <mark>Beta Cars</mark>." in section
    # After the pages of the nav, in nav order.
    assert section.index("Home") < section.index("Acme Motors") < section.index("Extra notes")


def test_the_quote_is_the_sentence_of_the_linked_mention(tmp_path: Path) -> None:
    page = "# Home\n\nThe `Beta Cars` API is documented. Then Beta Cars agreed.\n"
    build_site(write_site(tmp_path, with_page("index.md", page)), tmp_path / "site")
    section = _backlinks_section(tmp_path / "site")
    assert "Then <mark>Beta Cars</mark> agreed." in section
    assert "API is documented" not in section


def test_the_quote_keeps_escaped_characters_and_entities(tmp_path: Path) -> None:
    page = "# Home\n\nBeta Cars sells \\*special\\* cars &amp; trucks to AT&amp;T &lt;now&gt;.\n"
    build_site(write_site(tmp_path, with_page("index.md", page)), tmp_path / "site")
    section = _backlinks_section(tmp_path / "site")
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    shown = "sells *special* cars &amp; trucks to AT&amp;T &lt;now&gt;."
    assert shown in home  # what the page itself shows...
    assert "<mark>Beta Cars</mark> " + shown in section  # ...is what the quote shows


def test_a_long_sentence_is_cut_at_word_boundaries(tmp_path: Path) -> None:
    words = [f"word{n:03d}" for n in range(120)]
    sentence = " ".join(words[:60]) + " Beta Cars " + " ".join(words[60:]) + "."
    build_site(
        write_site(tmp_path, with_page("index.md", f"# Home\n\n{sentence}\n")), tmp_path / "site"
    )
    section = _backlinks_section(tmp_path / "site")
    quote = re.search(r"<blockquote><p>(.*?)</p></blockquote>", section)
    assert quote is not None
    shown = quote.group(1).replace("<mark>Beta Cars</mark>", "Beta Cars")
    assert shown.startswith("… ") and shown.endswith(" …")
    for word in shown.strip("… ").split():
        assert word in words or word in ("Beta", "Cars"), f"{word!r} is part of a word"


# -- 8. Editor mistakes that passed silently -----------------------------------------------

FOOTNOTES_CONFIG = CONFIG + "markdown_extensions: [footnotes]\n"


@pytest.mark.parametrize(
    "page",
    [
        "# Home\n\nAcme Motors said so.[^1]\n",
        "# Home\n\nAcme Motors said so.[^src] And more.[^2]\n\n[^2]: Defined.\n",
        "# Home\n\n- Acme Motors said so [^note]\n",
    ],
    ids=["none-defined", "one-of-two-defined", "in-a-list"],
)
def test_a_footnote_reference_without_a_definition_is_an_error(tmp_path: Path, page: str) -> None:
    output = build_fails(tmp_path, with_page("index.md", page), FOOTNOTES_CONFIG)
    assert "docs/index.md: footnote reference" in output
    assert "without a definition" in output and "[^" in output


@pytest.mark.parametrize(
    "page",
    [
        "# Home\n\nAcme Motors said so.[^1]\n\n[^1]: The press release.\n",
        "# Home\n\nIn code: `[^1]` is how you write one.\n",
        "# Home\n\n```\n[^1]\n```\n",
        "# Home\n\nAn escaped \\[^1] is shown as written.\n",
    ],
    ids=["defined", "code-span", "code-block", "escaped"],
)
def test_defined_coded_and_escaped_footnote_references_build(tmp_path: Path, page: str) -> None:
    """The control: only a reference a reader would see as stray brackets is refused."""
    build_site(
        write_site(tmp_path, with_page("index.md", page), FOOTNOTES_CONFIG), tmp_path / "site"
    )


SUMMARY = "summary: A carmaker that might buy a stake."


@pytest.mark.parametrize(
    "summary",
    [
        "e\u0301" * 150,  # 150 accented letters typed as letter + accent: 300 code points
        "\U0001f1ef\U0001f1f5" * 100,  # 100 flags, two code points each
        "\U0001f468\u200d\U0001f469\u200d\U0001f467" * 60,  # 60 family emoji, 5 each
        "\U0001f44d\U0001f3fd" * 100,  # 100 thumbs up with a skin tone, 2 each
    ],
    ids=["combining-accents", "flags", "zwj-sequences", "skin-tones"],
)
def test_summary_length_counts_what_readers_see(tmp_path: Path, summary: str) -> None:
    value = summary.encode("unicode_escape").decode("ascii")
    page = edit(SUITOR, SUMMARY, f'summary: "{value}"')
    build_site(write_site(tmp_path, with_page("suitors/acme.md", page)), tmp_path / "site")


def test_a_summary_of_201_visible_characters_is_still_too_long(tmp_path: Path) -> None:
    page = edit(SUITOR, SUMMARY, 'summary: "' + "e\\u0301" * 201 + '"')
    output = build_fails(tmp_path, with_page("suitors/acme.md", page))
    assert "entity.summary: is 201 characters long; keep it to 200 or fewer" in output


# -- Found by attacking the fixes above ----------------------------------------------------


@pytest.mark.parametrize("depth", [25, 500, 990])
def test_deeply_nested_values_in_any_key_are_a_message(tmp_path: Path, depth: int) -> None:
    """pagemeta escaped nested values recursively: 500 levels was a RecursionError."""
    line = "custom: " + "[" * depth + "]" * depth + "\n"
    page = edit(SUITOR, "entity:\n", line + "entity:\n")
    output = build_fails(tmp_path, with_page("suitors/acme.md", page))
    assert "docs/suitors/acme.md" in output
    assert "custom: is nested more than 20 levels deep" in output or "too deeply" in output


def test_control_characters_in_a_key_are_refused(tmp_path: Path) -> None:
    page = edit(SUITOR, "entity:\n", '"\\e[2Jtitle": x\nentity:\n')
    output = build_fails(tmp_path, with_page("suitors/acme.md", page))
    assert "docs/suitors/acme.md: \\x1b[2Jtitle: contains U+001B" in output


@pytest.mark.parametrize(
    ("srcset", "kept"),
    [
        ("img/a.png 1x, //evil.example/b.png 2x", False),
        ("img/a.png 1x,https://evil.example/b.png 2x", False),
        ("img/a.png 1x, img/b.png 2x", True),
    ],
)
def test_every_srcset_candidate_is_checked(srcset: str, kept: bool) -> None:
    """Judged as one URL, 'a.png 1x, //host/b.png 2x' passed as a relative path."""
    import xml.etree.ElementTree as etree

    from site_plugins.safelinks import neutralise

    root = etree.Element("div")
    etree.SubElement(root, "img", {"src": "img/a.png", "srcset": srcset, "alt": "x"})
    neutralise(root)
    assert (root[0].get("srcset") == srcset) is kept
