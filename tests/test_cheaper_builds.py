"""Work the build skips when nothing shows its result, checked on real builds.

Backlink sentences are not looked for when backlinks are off; the pages must come out
the same, links included.
"""

from __future__ import annotations

from pathlib import Path

from .conftest import build_site
from .html_helpers import entity_links
from .test_crosslink_build import make_site, page_path
from .test_linking import links, render

MENTIONING_PAGES = ("index.md", "deep/nested/page.md", "quiet.md")


def _set_option(config: Path, option: str) -> None:
    config.write_text(
        config.read_text().replace("kinds: [company]", f"kinds: [company]\n      {option}")
    )


def test_without_backlinks_mentions_are_linked_and_nothing_is_mentioned_on(
    tmp_path: Path,
) -> None:
    with_backlinks = make_site(tmp_path / "on")
    without = make_site(tmp_path / "off")
    _set_option(without, "backlinks: false")
    build_site(with_backlinks, tmp_path / "on" / "site")
    build_site(without, tmp_path / "off" / "site")
    on, off = tmp_path / "on" / "site", tmp_path / "off" / "site"

    beta_on = page_path(on, "entities/beta.md", True).read_text(encoding="utf-8")
    beta_off = page_path(off, "entities/beta.md", True).read_text(encoding="utf-8")
    assert "Deep down, <mark>Beta</mark> talks to Alpha Corp." in beta_on
    assert "mentioned-on" not in beta_off and "Mentioned on" not in beta_off
    assert "<mark>" not in beta_off

    # Pages that only mention entities are the same byte for byte, links and all.
    for src in MENTIONING_PAGES:
        assert page_path(off, src, True).read_bytes() == page_path(on, src, True).read_bytes()
    assert [
        link.attrs["data-entity"] for link in entity_links(page_path(off, "index.md", True))
    ] == [
        "alpha-corp",
        "beta",
    ]


def test_backlinks_with_link_all_still_quote_the_first_mention(tmp_path: Path) -> None:
    config = make_site(tmp_path)
    _set_option(config, "link: all")
    build_site(config, tmp_path / "site")
    html = page_path(tmp_path / "site", "entities/alpha.md", True).read_text(encoding="utf-8")
    assert "<mark>Alpha Corp</mark> works with Beta." in html


def test_mentions_without_sentences_link_the_same() -> None:
    text = "Nissan talks to Foxconn. Later, [Honda](suitors/honda.md) and Nissan again.\n"
    html, mentions = render(text)
    html_without, mentions_without = render(text, collect_context=False)
    assert html_without == html
    assert links(html) == [("Nissan", "companies/nissan.md"), ("Foxconn", "suitors/foxconn.md")]
    assert [(m.entity_id, m.text, m.linked) for m in mentions_without] == [
        (m.entity_id, m.text, m.linked) for m in mentions
    ]
    assert mentions[0].context == "Nissan talks to Foxconn."
    assert all(m.context == "" and m.context_mark == (0, 0) for m in mentions_without)
