"""Work the build skips when nothing needs it, checked on real builds.

Backlink sentences are not looked for when backlinks are off, and the linker's links skip
MkDocs' link pass when the plugin can give their URL itself. The pages must come out the
same byte for byte, and every link MkDocs would warn about must still be warned about.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

from site_plugins import plugin
from site_plugins.builturls import built_href_for
from site_plugins.linking import LinkTarget
from site_plugins.plugin import ExplainerPlugin

from .conftest import build_site
from .html_helpers import entity_links
from .test_crosslink_build import PAGES, make_site, page_path
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
    explainer = build_site(without, tmp_path / "off" / "site").plugins["explainer"]
    # No sentence was looked for: nothing would show it.
    mentions = [m for ms in cast(ExplainerPlugin, explainer).mentions.values() for m in ms]
    assert len(mentions) == 5 and all(m.linked and not m.context for m in mentions)
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


# -- Built hrefs: the linker's links skip MkDocs' link pass, with the same result -----------

SHORTCUT_PAGES = {
    **PAGES,
    "index.md": "# Home\n\nAlpha Corp works with Beta, Gamma and Delta.\n",
    "entities/gamma odd%.md": (
        "---\nentity:\n  name: Gamma\n  kind: company\n  summary: A file name to quote.\n"
        "---\n# Gamma\n\nGamma alone.\n"
    ),
    "shared.md": (
        "---\nentities:\n  - name: Delta\n    kind: company\n    summary: On a shared page.\n"
        "    anchor: delta\n---\n# Shared\n\n## Delta {#delta}\n\nDelta and Beta.\n"
    ),
}
SHORTCUT_CONFIG = """
site_name: Small
site_url: https://example.org/small/
theme: {name: material, font: false}
plugins:
  - search
  - explainer:
      kinds: [company]
markdown_extensions: [toc, attr_list]
validation:
  links: {not_found: warn, anchors: warn}
"""


def make_shortcut_site(root: Path, config: str = SHORTCUT_CONFIG) -> Path:
    for path, text in SHORTCUT_PAGES.items():
        page = root / "docs" / path
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root / "mkdocs.yml"


def site_files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


HOOK = """
from mkdocs.structure.files import InclusionLevel

def on_files(files, config):
    # After the explainer plugin's on_files (hooks run after plugins): it has read Beta.
    beta = files.get_file_from_path("entities/beta.md")
    if {mode!r} == "removed":
        files.remove(beta)
    else:
        beta.inclusion = InclusionLevel.{mode}
    return files
"""


def _build_with_hook(tmp_path: Path, mode: str) -> Path:
    config = make_shortcut_site(tmp_path, SHORTCUT_CONFIG + "hooks: [hook.py]\n")
    (tmp_path / "hook.py").write_text(HOOK.format(mode=mode), encoding="utf-8")
    return config


def test_a_link_to_an_entity_page_removed_after_the_plugin_read_it_fails_strict(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = _build_with_hook(tmp_path, "removed")
    with caplog.at_level(logging.INFO), pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert (
        "Doc file 'index.md' contains a link 'entities/beta.md', but the target is not found"
        " among documentation files." in warnings
    )
    assert (
        "Doc file 'shared.md' contains a link 'entities/beta.md', but the target is not found"
        " among documentation files." in warnings
    )


@pytest.mark.parametrize("level", ["EXCLUDED", "DRAFT"])
def test_a_link_to_an_entity_page_excluded_after_the_plugin_read_it_is_reported(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, level: str
) -> None:
    config = _build_with_hook(tmp_path, level)
    with caplog.at_level(logging.INFO):
        build_site(config, tmp_path / "site")  # strict: as in MkDocs, an info line only
    infos = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert (
        "Doc file 'index.md' contains a link to 'entities/beta.md' which is excluded from the"
        " built site." in infos
    )
    hrefs = {link.text: link.href for link in entity_links(tmp_path / "site" / "index.html")}
    # MkDocs still points the link at where the page would have been built.
    assert hrefs == {
        "Alpha Corp": "entities/alpha/",
        "Beta": "entities/beta/",
        "Gamma": "entities/gamma%20odd%25/",
        "Delta": "shared/#delta",
    }


@pytest.mark.parametrize("directory_urls", [True, False], ids=["directory-urls", "file-urls"])
def test_built_hrefs_are_the_hrefs_mkdocs_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, directory_urls: bool
) -> None:
    """The whole site is the same byte for byte with the shortcut and with MkDocs' pass."""
    config = make_shortcut_site(tmp_path)
    built: list[tuple[str, str | None]] = []

    def spying(page: File, files: Files) -> Callable[[LinkTarget], str | None]:
        built_href = built_href_for(page, files)

        def spy(target: LinkTarget) -> str | None:
            built.append((target.id, built_href(target)))
            return built[-1][1]

        return spy

    monkeypatch.setattr(plugin, "built_href_for", spying)
    build_site(config, tmp_path / "shortcut", use_directory_urls=directory_urls)
    monkeypatch.setattr(plugin, "built_href_for", lambda page, files: lambda target: None)
    build_site(config, tmp_path / "mkdocs", use_directory_urls=directory_urls)

    assert site_files(tmp_path / "shortcut") == site_files(tmp_path / "mkdocs")
    # Every target was given its built href but the entity's section on a shared page,
    # whose anchor MkDocs checks.
    assert {entity for entity, href in built if href is not None} == {"alpha-corp", "beta", "gamma"}
    assert {entity for entity, href in built if href is None} == {"delta"}


def test_a_missing_section_of_a_shared_page_still_fails_strict(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = make_shortcut_site(tmp_path)
    shared = tmp_path / "docs" / "shared.md"
    shared.write_text(shared.read_text().replace("{#delta}", "{#other}"))
    with caplog.at_level(logging.INFO), pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    assert (
        "Doc file 'index.md' contains a link 'shared.md#delta', but the doc 'shared.md' does"
        " not contain an anchor '#delta'." in [r.getMessage() for r in caplog.records]
    )


@pytest.mark.parametrize("option", ["draft_docs", "exclude_docs"])
def test_an_entity_page_left_out_of_the_build_is_no_target(tmp_path: Path, option: str) -> None:
    """MkDocs leaves it out before the plugin reads the site: its name is not linked."""
    config = make_shortcut_site(tmp_path, SHORTCUT_CONFIG + f"{option}: entities/beta.md\n")
    build_site(config, tmp_path / "site")
    linked = [link.text for link in entity_links(tmp_path / "site" / "index.html")]
    assert linked == ["Alpha Corp", "Gamma", "Delta"]


def test_material_previews_still_see_the_links_to_entity_pages(tmp_path: Path) -> None:
    """Material's `preview` extension reads `.md` hrefs before MkDocs' pass: it gets them."""
    extensions = (
        "markdown_extensions:\n  - toc\n  - attr_list\n  - material.extensions.preview:\n"
        "      targets: {include: [entities/*]}\n"
    )
    config = make_shortcut_site(
        tmp_path,
        SHORTCUT_CONFIG.replace("markdown_extensions: [toc, attr_list]\n", extensions),
    )
    build_site(config, tmp_path / "site")
    previewed = {
        link.text: "data-preview" in link.attrs
        for link in entity_links(tmp_path / "site" / "index.html")
    }
    # As before: Material does not unquote `gamma%20odd%25.md`, and Delta is not in entities/.
    assert previewed == {"Alpha Corp": True, "Beta": True, "Gamma": False, "Delta": False}
