"""Property tests of the cross-linker on malformed, hostile and huge input (issue 7, item 3-4).

Each generated page is rendered twice by Python-Markdown with the site's extensions: without
the cross-linker and with it. The two outputs must differ only by added
`<a class="entity-link">` elements, and those must obey the cross-linking rules of issue 3.
The profiles (`dev`, `ci`) are registered in conftest.py.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from hypothesis import event, given, note, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from markdown import Markdown

from site_plugins.entities import slugify
from site_plugins.linking import LINK_CLASS, CrossLinkExtension, LinkTarget, PageContext, link_tree
from site_plugins.matching import Matcher

#: The real site's extensions (mkdocs.yml), so fuzzed pages meet the same parsers.
EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
]
EXTENSION_CONFIGS = {"toc": {"permalink": True}, "pymdownx.tabbed": {"alternate_style": True}}

PROTECTED_TAGS = frozenset(
    {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp", "script", "style"}
)
PROTECTED_CLASSES = frozenset({"admonition-title", "no-crosslink"})
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)

# -- Strategies --------------------------------------------------------------------------

REGEX_METACHARACTERS = ".^$*+?{}[]\\|()"
MIXED_SCRIPTS = "Nissan日産本田ниссанنيسانניסן\u200f\u200e\u202e\u0301ßİ🚗"  # noqa: RUF001

name_alphabet = st.sampled_from(
    list("AcmeKKR&Co .-'’") + list(REGEX_METACHARACTERS) + list("日産ñéЖש")  # noqa: RUF001
)
entity_names = (
    st.text(name_alphabet, min_size=2, max_size=14)
    .map(str.strip)
    .filter(lambda s: len(s) >= 2 and "\n" not in s)
)
#: Names that stress the matcher, always in the mix.
FIXED_NAMES = ["Nissan", "Nissan Leaf", "KKR & Co.", "AT&T", "a.*b", "(x|y)+", "日産", "[^]$"]

MARKUP = [
    "<",
    "&",
    "&amp;",
    "&lt;b&gt;",
    "&#x27;",
    "&nosuch;",
    "&#0;",
    "<b>",
    "</b>",
    "<div>",
    "</p>",
    '<span class="no-crosslink">',
    "</span>",
    '<a href="x.md">',
    "</a>",
    "<code>",
    "</code>",
    "<kbd>",
    "</kbd>",
    "<!-- ",
    " -->",
    "<!-- Nissan -->",
    "<![CDATA[ Nissan ]]>",
    "<?php Nissan ?>",
    "<script>Nissan</script>",
    "<style>.Nissan{}</style>",
    "`Nissan`",
    "``",
    "**",
    "_",
    "[",
    "](x.md)",
    "[Nissan](x.md)",
    '![Nissan](x.png "Nissan")',
    "<Nissan>",
    "<https://nissan.example/Nissan>",
    "{: .no-crosslink }",
    "[^1]",
    "\\",
    "*[Nissan]: abbreviation",
]
LINE_STARTS = [
    "",
    "# ",
    "## ",
    "- ",
    "1. ",
    "> ",
    "    ",
    "| ",
    '!!! note "Nissan"\n    ',
    '??? info "Nissan"\n    ',
    '=== "Nissan"\n    ',
    "```\n",
    "[^1]: ",
    "Term\n: ",
]


@st.composite
def words(draw: st.DrawFn, names: list[str]) -> str:
    kind = draw(st.integers(0, 9))
    if kind <= 3:
        return draw(st.sampled_from(names))
    if kind <= 5:
        return draw(st.sampled_from(MARKUP))
    if kind == 6:
        return draw(st.text(st.sampled_from(MIXED_SCRIPTS), min_size=1, max_size=8))
    if kind == 7:
        return draw(st.sampled_from(["'s", "\u2019s", "s", ",", ".", "X", "_"]))
    if kind == 8:
        return draw(st.text(min_size=1, max_size=6))  # anything, control characters too
    return draw(st.sampled_from(names)) + draw(st.sampled_from(["s", "X", "_", "9"]))


@st.composite
def documents(draw: st.DrawFn, names: list[str]) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        start = draw(st.sampled_from(LINE_STARTS))
        depth = draw(st.integers(0, 3))
        parts = draw(st.lists(words(names), min_size=1, max_size=14))
        joiners = draw(st.lists(st.sampled_from([" ", "", "\n", "\u00a0"]), min_size=len(parts)))
        text = "".join(p + j for p, j in zip(parts, joiners, strict=False))
        lines.append("  " * depth + start + text)
    return "\n".join(lines) + "\n"


@st.composite
def sites(draw: st.DrawFn) -> tuple[dict[str, str], str]:
    """(surface name -> entity id, page text)."""
    generated = draw(st.lists(entity_names, max_size=6, unique=True))
    names: dict[str, str] = {}
    for name in [*FIXED_NAMES, *generated]:
        names.setdefault(name, slugify(name) + f"-{len(names)}")
    document = draw(documents(list(names)))
    return names, document


# -- Rendering and reading HTML ----------------------------------------------------------


def render(text: str, page: PageContext | None) -> str:
    extension = CrossLinkExtension()
    extension.page = page
    md = Markdown(extensions=[*EXTENSIONS, extension], extension_configs=EXTENSION_CONFIGS)
    return md.convert(text)


def page_for(names: dict[str, str], src_uri: str = "page.md") -> PageContext:
    targets = {
        key: LinkTarget(key, f"entities/{key}.md", f"About {key}") for key in set(names.values())
    }
    return PageContext(src_uri=src_uri, matcher=Matcher(names), targets=targets)


@dataclass
class Token:
    kind: str  # start, end, data, other
    tag: str = ""
    attrs: tuple[tuple[str, str | None], ...] = ()
    data: str = ""


@dataclass
class Tokens(HTMLParser):
    tokens: list[Token] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(Token("start", tag, tuple(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(Token("start", tag, tuple(attrs)))
        self.tokens.append(Token("end", tag))

    def handle_endtag(self, tag: str) -> None:
        self.tokens.append(Token("end", tag))

    def handle_data(self, data: str) -> None:
        self.tokens.append(Token("data", data=data))

    def handle_comment(self, data: str) -> None:
        self.tokens.append(Token("other", data="<!--" + data))

    def handle_decl(self, decl: str) -> None:
        self.tokens.append(Token("other", data="<!" + decl))

    def unknown_decl(self, data: str) -> None:
        self.tokens.append(Token("other", data="<![" + data))

    def handle_pi(self, data: str) -> None:
        self.tokens.append(Token("other", data="<?" + data))


def tokenize(html: str) -> list[Token]:
    parser = Tokens()
    parser.feed(html)
    parser.close()
    return parser.tokens


def is_entity_link(token: Token) -> bool:
    return (
        token.kind == "start"
        and token.tag == "a"
        and tuple((dict(token.attrs).get("class") or "").split()) == (LINK_CLASS,)
    )


def without_entity_links(tokens: list[Token]) -> list[Token]:
    """`tokens` with each entity link's start and end tag removed and text runs merged."""
    out: list[Token] = []
    inside = False
    for token in tokens:
        if is_entity_link(token):
            assert not inside, "an entity link inside an entity link"
            inside = True
            continue
        if inside and token.kind == "end" and token.tag == "a":
            inside = False
            continue
        assert not inside or token.kind == "data", f"markup inside an entity link: {token}"
        if token.kind == "data" and out and out[-1].kind == "data":
            out[-1] = Token("data", data=out[-1].data + token.data)
        else:
            out.append(token)
    assert not inside, "an entity link left open"
    return out


def merged(tokens: list[Token]) -> list[Token]:
    return without_entity_links(tokens)


@dataclass
class Link:
    entity: str
    text: str
    href: str
    protected_by: list[str]


def entity_links(tokens: list[Token]) -> list[Link]:
    """Every entity link, with the protected elements that were open around it."""
    links: list[Link] = []
    open_elements: list[tuple[str, str]] = []  # (tag, why it is protected or "")
    current: Link | None = None
    for token in tokens:
        if token.kind == "start":
            attrs = dict(token.attrs)
            if is_entity_link(token):
                protected = [why for _, why in open_elements if why]
                current = Link(
                    attrs.get("data-entity") or "", "", attrs.get("href") or "", protected
                )
                links.append(current)
                continue
            if token.tag in VOID_TAGS:
                continue
            classes = set((attrs.get("class") or "").split()) & PROTECTED_CLASSES
            why = token.tag if token.tag in PROTECTED_TAGS else ", ".join(sorted(classes))
            open_elements.append((token.tag, why))
        elif token.kind == "end":
            if current is not None and token.tag == "a":
                current = None
                continue
            for index in range(len(open_elements) - 1, -1, -1):
                if open_elements[index][0] == token.tag:
                    del open_elements[index:]
                    break
        elif token.kind == "data" and current is not None:
            current.text += token.data
    return links


def check_invariants(names: dict[str, str], document: str, page: PageContext) -> list[Link]:
    plain = render(document, None)
    linked = render(document, page)
    if currently_in_test_context():
        note(f"plain:  {plain!r}")
        note(f"linked: {linked!r}")
    tokens = tokenize(linked)
    # The only change is added entity links: remove them and the pages are the same.
    assert merged(tokens) == merged(tokenize(plain))
    links = entity_links(tokens)
    own = page.ids_by_src_uri.get(page.src_uri)
    surfaces = {name: key for name, key in names.items()}
    for link in links:
        # Nothing inside an existing link, heading, code, ... or .no-crosslink is linked.
        assert not link.protected_by, f"{link} is inside {link.protected_by}"
        assert link.entity != own, "a page linked to itself"
        assert surfaces.get(link.text) == link.entity, f"{link.text!r} is not a name of {link}"
        assert link.href == page.href(link.entity)
    # First mention only.
    if currently_in_test_context():
        event(f"links made: {min(len(links), 3)}{'+' if len(links) > 3 else ''}")
    repeated = [key for key, count in Counter(link.entity for link in links).items() if count > 1]
    assert not repeated, f"linked more than once: {repeated}"
    return links


# -- Properties --------------------------------------------------------------------------


@given(sites())
def test_linking_changes_nothing_but_adding_links(site: tuple[dict[str, str], str]) -> None:
    names, document = site
    check_invariants(names, document, page_for(names))


@given(sites(), st.data())
def test_an_entity_page_never_links_to_itself(
    site: tuple[dict[str, str], str], data: st.DataObject
) -> None:
    names, document = site
    own = data.draw(st.sampled_from(sorted(set(names.values()))))
    links = check_invariants(names, document, page_for(names, f"entities/{own}.md"))
    assert own not in {link.entity for link in links}


@given(st.lists(entity_names, min_size=1, max_size=20, unique=True), st.data())
def test_names_full_of_metacharacters_match_literally(
    generated: list[str], data: st.DataObject
) -> None:
    names = {name: f"e{index}" for index, name in enumerate(generated)}
    chosen = data.draw(st.sampled_from(generated))
    text = f"Before {chosen} after."
    found = Matcher(names).find(text)
    # The chosen name is found where it stands, unless a longer name covers that spot.
    start = text.index(chosen)
    assert any(m.start <= start and m.end >= start + len(chosen) for m in found) or not (
        chosen[0].isalnum() or chosen[-1].isalnum()
    )
    for match in found:
        assert text[match.start : match.end] in names


# Python-Markdown's own list parsing is slow at depth: a fifth of the profile's examples.
@settings(max_examples=max(10, settings.default.max_examples // 5))
@given(st.integers(1, 80))
def test_deeply_nested_lists(depth: int) -> None:
    names = {"Nissan": "nissan", "Renault": "renault"}
    document = "".join(
        "    " * level + f"- level {level} Nissan and Renault\n" for level in range(depth)
    )
    links = check_invariants(names, document, page_for(names))
    assert {link.entity for link in links} == {"nissan", "renault"}


@pytest.mark.parametrize(
    "document",
    [
        "Nissan" * 2000 + "\n",  # one 12,000-character word: no whole-word mention in it
        ("x" * 10_000 + " Nissan ") * 3 + "\n",
        "Nissan " + "<" * 10_000 + " Renault\n",
        "Nissan " + "&" * 10_000 + " Renault\n",
        "<!--" + " Nissan" * 2000 + "\n\nRenault\n",
        "\u202eNissan \u05e0\u05d9\u05e1\u05d0\u05df Renault\u200f"
        " \u0646\u064a\u0633\u0627\u0646\n",
    ],
    ids=["long-word", "long-words-around", "many-lt", "many-amp", "open-comment", "rtl"],
)
def test_pathological_pages(document: str) -> None:
    names = {"Nissan": "nissan", "Renault": "renault"}
    check_invariants(names, document, page_for(names))


# -- Big input stays bounded (timing lives in benchmarks/) ------------------------------


@pytest.mark.slow
def test_five_megabyte_page_links() -> None:
    """A 5 MB tree links in one pass; it completes, and links each entity once."""
    names = {"Nissan": "nissan", "Renault": "renault", "KKR & Co.": "kkr"}
    paragraph = "Nissan and Renault talk; KKR & Co. listens. " * 20
    root = etree.Element("div")
    size = 0
    while size < 5_000_000:
        etree.SubElement(root, "p").text = paragraph
        size += len(paragraph)
    mentions = link_tree(root, page_for(names))
    assert sorted(m.entity_id for m in mentions if m.linked) == ["kkr", "nissan", "renault"]
    assert len(root.findall(".//a")) == 3


@pytest.mark.slow
def test_five_megabyte_markdown_page_renders() -> None:
    names = {"Nissan": "nissan", "Renault": "renault"}
    document = ("Nissan and Renault talk about the future of the alliance. " * 16 + "\n\n") * 5400
    assert len(document) > 5_000_000
    html = render(document, page_for(names))
    assert html.count(f'class="{LINK_CLASS}"') == 2


@pytest.mark.slow
def test_ten_thousand_entities() -> None:
    names = {f"Company {index:05d}": f"company-{index}" for index in range(10_000)}
    text = " ".join(
        f"Company {index:05d} met Company {index + 1:05d}." for index in range(0, 10_000, 7)
    )
    root = etree.Element("div")
    etree.SubElement(root, "p").text = text
    mentions = link_tree(root, page_for(names))
    expected = {f"company-{index}" for index in range(0, 10_000, 7)} | {
        f"company-{index + 1}" for index in range(0, 10_000, 7)
    }
    assert {m.entity_id for m in mentions if m.linked} == expected
