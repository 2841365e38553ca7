"""Cross-linking rules, one behaviour per test, on Markdown rendered without MkDocs."""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown
import pytest

from site_plugins.linking import CrossLinkExtension, LinkTarget, Mention, PageContext
from site_plugins.matching import Matcher

ENTITIES = {
    "nissan": ("companies/nissan.md", ["Nissan"], "Japanese carmaker."),
    "nissan-leaf": ("cars/leaf.md", ["Nissan Leaf"], "An early electric car."),
    "foxconn": ("suitors/foxconn.md", ["Foxconn", "Hon Hai"], "Electronics maker."),
    "kkr": ("suitors/kkr.md", ["KKR", "KKR & Co."], "Private-equity firm."),
    "att": ("companies/att.md", ["AT&T"], "Telecom company."),
    "sg": ("companies/sg.md", ["Société Générale"], "French bank."),
    "honda": ("suitors/honda.md", ["Honda"], 'Summary with "quotes" & <b>tags</b>.'),
    "carlos-ghosn": ("people/carlos-ghosn.md", ["Carlos Ghosn"], "Former boss."),
    "route-42": ("roads/42.md", ["42"], "A road with a number for a name."),
}
EXTENSIONS = ["admonition", "footnotes", "attr_list", "md_in_html", "toc", "tables", "abbr"]


def render(
    text: str,
    page: str = "index.md",
    *,
    link_all: bool = False,
    case_sensitive: bool = True,
    collect_unlinked: bool = False,
    collect_context: bool = True,
    extensions: list[str] | None = None,
) -> tuple[str, list[Mention]]:
    targets = {key: LinkTarget(key, src, summary) for key, (src, _, summary) in ENTITIES.items()}
    names = {name: key for key, (_, surfaces, _) in ENTITIES.items() for name in surfaces}
    extension = CrossLinkExtension()
    md = markdown.Markdown(extensions=[*(extensions or EXTENSIONS), extension])
    extension.page = PageContext(
        src_uri=page,
        matcher=Matcher(names, case_sensitive=case_sensitive),
        targets=targets,
        link_all=link_all,
        collect_unlinked=collect_unlinked,
        collect_context=collect_context,
    )
    html = md.convert(text)
    return html, extension.mentions


def links(html: str) -> list[tuple[str, str]]:
    """(text, href) of every entity link in `html`."""
    root = etree.fromstring(f"<root>{html}</root>")
    return [
        ("".join(a.itertext()), a.get("href", ""))
        for a in root.iter("a")
        if "entity-link" in (a.get("class") or "")
    ]


def linked_texts(text: str, **options: object) -> list[str]:
    html, _ = render(text, **options)  # type: ignore[arg-type]
    return [t for t, _ in links(html)]


def test_first_mention_only_by_default() -> None:
    assert linked_texts("Nissan met Foxconn. Nissan again and Foxconn again.") == [
        "Nissan",
        "Foxconn",
    ]


def test_link_all_links_every_mention() -> None:
    assert linked_texts("Nissan and Nissan.", link_all=True) == ["Nissan", "Nissan"]


def test_alias_counts_as_the_entity() -> None:
    assert linked_texts("Hon Hai, also known as Foxconn.") == ["Hon Hai"]


def test_never_links_a_page_to_itself() -> None:
    assert linked_texts("Foxconn meets Nissan.", page="suitors/foxconn.md") == ["Nissan"]


@pytest.mark.parametrize("text", ["Nissans", "Hondamatic", "KKRX", "preNissan", "Nissan_x"])
def test_whole_words_only(text: str) -> None:
    assert linked_texts(f"The {text} case.") == []


@pytest.mark.parametrize("apostrophe", ["'", "\u2019"])
def test_possessive_stays_outside_the_link(apostrophe: str) -> None:
    html, _ = render(f"Nissan{apostrophe}s future.")
    assert f">Nissan</a>{apostrophe}s future" in html


def test_longest_match_wins() -> None:
    html, _ = render("The Nissan Leaf was early.")
    assert links(html) == [("Nissan Leaf", "cars/leaf.md")]


def test_names_with_punctuation_and_non_ascii() -> None:
    texts = linked_texts("KKR & Co. bought AT&T shares from Société Générale.")
    assert texts == ["KKR & Co.", "AT&T", "Société Générale"]


def test_case_sensitive_by_default() -> None:
    assert linked_texts("nissan and NISSAN are not the proper noun.") == []


def test_case_insensitive_option() -> None:
    assert linked_texts("nissan, then NISSAN.", case_sensitive=False) == ["nissan"]


def test_manual_link_counts_as_first_mention() -> None:
    html, mentions = render("See [the carmaker](companies/nissan.md). Nissan again.")
    assert links(html) == []
    assert [(m.entity_id, m.linked) for m in mentions] == [("nissan", True)]


def test_manual_link_elsewhere_does_not_count() -> None:
    assert linked_texts("See [a site](https://example.org). Nissan.") == ["Nissan"]


@pytest.mark.parametrize(
    "text",
    [
        "# Nissan heading",
        "### Nissan small heading",
        "Inline `Nissan` code.",
        "```\nNissan in a fence\n```",
        "    Nissan indented code",
        "Press <kbd>Nissan</kbd>.",
        "<samp>Nissan</samp> output.",
        "[Nissan](https://example.org) outside link.",
        '![Nissan](car.png "Nissan title")',
        "See *Nissan*{.no-crosslink} here.",
        "A paragraph about Nissan.\n{.no-crosslink}",
        '<a href="https://example.org">Raw Nissan link</a>',
        '<a href="https://example.org">*Nissan* in emphasis</a>',
        '<div class="no-crosslink" markdown>\nNissan inside.\n</div>',
        '!!! note "Nissan title"\n    Body.',
        "<script>var Nissan = 1;</script>",
        "<style>.Nissan {}</style>",
    ],
)
def test_never_touched(text: str) -> None:
    assert linked_texts(text) == []


def test_attribute_values_are_never_rewritten() -> None:
    html, _ = render('![Nissan car](car.png "Nissan")')
    assert 'alt="Nissan car"' in html
    assert 'title="Nissan"' in html


def test_links_in_nested_block_structures() -> None:
    text = (
        "- item about Nissan\n\n"
        "| Who | What |\n|---|---|\n| Foxconn | x |\n\n"
        '!!! note "Title"\n    Body about KKR.\n\n'
        "Text.[^1]\n\n[^1]: Footnote about Honda."
    )
    assert linked_texts(text) == ["Nissan", "Foxconn", "KKR", "Honda"]


def test_links_inside_emphasis_and_keeps_tail_text() -> None:
    html, _ = render("Before *Nissan and KKR* after Honda.")
    assert [t for t, _ in links(html)] == ["Nissan", "KKR", "Honda"]
    text = "".join(etree.fromstring(f"<r>{html}</r>").itertext())
    assert text == "Before Nissan and KKR after Honda."


def test_relative_href_from_nested_page() -> None:
    html, _ = render("Nissan and Foxconn.", page="people/ghosn.md")
    assert links(html) == [
        ("Nissan", "../companies/nissan.md"),
        ("Foxconn", "../suitors/foxconn.md"),
    ]


def test_link_carries_class_entity_id_and_escaped_summary() -> None:
    html, _ = render("Honda.")
    assert (
        '<a class="entity-link" data-entity="honda" href="suitors/honda.md" '
        'title="Summary with &quot;quotes&quot; &amp; &lt;b&gt;tags&lt;/b&gt;.">Honda</a>'
    ) in html


def test_mention_records_sentence_context() -> None:
    _, mentions = render("First sentence here. Then Foxconn spoke to press. Last one.")
    assert mentions == [
        Mention("foxconn", "Foxconn", True, "Then Foxconn spoke to press.", context_mark=(5, 12))
    ]


def test_context_ignores_footnote_markers() -> None:
    _, mentions = render("Nissan lost money.[^1] More.\n\n[^1]: Source.")
    assert mentions[0].context == "Nissan lost money."


def test_unlinked_mentions_are_reported_with_reasons() -> None:
    _, mentions = render(
        "# Nissan\n\nNissan then Nissan. `KKR`", page="index.md", collect_unlinked=True
    )
    unlinked = [(m.text, m.reason) for m in mentions if not m.linked]
    assert unlinked == [
        ("Nissan", "inside <h1>"),
        ("Nissan", "already linked on this page"),
        ("KKR", "inside <code>"),
    ]


def test_unlinked_mentions_not_collected_unless_asked() -> None:
    _, mentions = render("Nissan then Nissan.")
    assert all(m.linked for m in mentions)


def test_no_page_context_means_no_links() -> None:
    extension = CrossLinkExtension()
    html = markdown.Markdown(extensions=[extension]).convert("Nissan.")
    assert html == "<p>Nissan.</p>"
    assert extension.mentions == []


def test_raw_html_is_left_alone() -> None:
    html, _ = render('<p title="Nissan">Nissan in raw HTML</p>\n\nNissan in Markdown.')
    assert '<p title="Nissan">Nissan in raw HTML</p>' in html
    assert links(html) == [("Nissan", "companies/nissan.md")]


def test_name_across_a_line_break_is_one_link_with_context() -> None:
    html, mentions = render("Its former boss Carlos\nGhosn was arrested.")
    assert links(html) == [("Carlos\nGhosn", "people/carlos-ghosn.md")]
    assert [m.context for m in mentions] == ["Its former boss Carlos Ghosn was arrested."]


def test_no_context_when_the_block_is_only_the_name() -> None:
    _, mentions = render("| Who |\n|---|\n| Foxconn |")
    assert [(m.entity_id, m.context) for m in mentions] == [("foxconn", "")]


def test_links_in_content_tabs_and_details_but_not_their_titles() -> None:
    text = (
        '=== "Nissan tab"\n\n    Tab body about KKR.\n\n'
        '??? note "Foxconn details"\n    Details body about Honda.\n'
    )
    extensions = [*EXTENSIONS, "pymdownx.tabbed", "pymdownx.details"]
    html, _ = render(text, extensions=extensions)
    assert [t for t, _ in links(html)] == ["KKR", "Honda"]
    assert "Nissan tab" in html and "Foxconn details" in html


def test_markdown_placeholders_are_not_text() -> None:
    # A backslash escape becomes "\x0242\x03" in the tree: "42" there is not a mention.
    html, _ = render("Escaped \\* star near 42.")
    assert "\x02" not in html and "\x03" not in html
    assert "Escaped * star near" in html
    assert links(html) == [("42", "roads/42.md")]


def test_a_raw_link_left_open_inside_a_link_still_covers_what_follows() -> None:
    # Found by the fuzzer: the raw <a> sits in the Markdown link's text, which is skipped.
    html, _ = render('[ \n<a href="x.md"> \n](x.md) Nissan \n')
    assert "entity-link" not in html  # (the output is not well-formed XML to parse)


def test_an_unclosed_raw_tag_covers_the_blocks_nested_in_its_block() -> None:
    # Browsers nest the blockquote in the open <code>: its text is code, not prose (fuzz).
    html, _ = render("Term\n: <code> \n> Nissan \n", extensions=["def_list", "md_in_html"])
    assert "Nissan" in html and "entity-link" not in html  # not XML: <code> stays open
    # A sibling block after it is prose again.
    html, _ = render("<kbd>open\n\nNissan next.")
    assert '<p><a class="entity-link"' in html


def test_a_raw_tag_opened_after_a_raw_end_of_its_paragraph_covers_what_follows() -> None:
    # Found by the fuzzer: after the raw `</p>` the <code> opens outside the paragraph, so
    # the browser nests the next paragraph in it.
    html, _ = render("</p> <code> \nNissan \n\nNissan next.\n")
    assert "Nissan next." in html and "entity-link" not in html
    # Opened inside its paragraph, it ends with it.
    html, _ = render("Text <code> \nNissan \n\nNissan next.\n")
    assert '<p><a class="entity-link"' in html
