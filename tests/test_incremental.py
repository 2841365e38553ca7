"""incremental.py without MkDocs: which pages an edit can change, and when to rebuild all."""

from __future__ import annotations

import datetime

from site_plugins.config import ExplainerConfig
from site_plugins.core import read_site
from site_plugins.incremental import (
    BuildRecord,
    Inputs,
    PageState,
    backlinks_changed,
    copied_again,
    full_rebuild_reason,
    pages_naming,
    pages_to_rebuild,
    unsafe_for_names,
)

TODAY = datetime.date(2026, 11, 27)
SITE = ("mkdocs.yml", "site")


def options() -> ExplainerConfig:
    config = ExplainerConfig()
    config.load_dict({"kinds": ["company", "person"]})
    errors, _ = config.validate()
    assert not errors
    return config


def entity_page(name: str, summary: str, *, aliases: str = "", body: str = "") -> str:
    alias_line = f"  aliases: [{aliases}]\n" if aliases else ""
    return (
        f"---\nentity:\n  name: {name}\n{alias_line}  kind: company\n  summary: {summary}\n"
        f"---\n# {name}\n\n{body}\n"
    )


PAGES = {
    "acme.md": entity_page("Acme", "Makes phones."),
    "beta.md": entity_page("Beta", "Makes cars.", body="Beta works with Acme."),
    "news.md": "# News\n\nAcme met Beta.\n",
    "quiet.md": "# Quiet\n\nNothing to see.\n",
}


def record_of(pages: dict[str, str]) -> BuildRecord:
    model = read_site(pages.items(), options(), TODAY)
    return BuildRecord(
        site=SITE,
        inputs=Inputs(config="config", files={}, today=TODAY),
        texts=dict(pages),
        model=model,
        outputs=[],
        pages={
            "acme.md": PageState("Acme", {}, {}),
            "beta.md": PageState("Beta", {}, {"acme": ("Beta works with Acme.", (16, 20))}),
            "news.md": PageState("News", {}, {"acme": ("Acme met Beta.", (0, 4))}),
            "quiet.md": PageState("Quiet", {}, {}),
        },
    )


def test_a_page_can_only_mention_a_name_its_source_holds_in_some_form() -> None:
    texts = {
        "wrapped.md": "They met Hon\nHai's chief.",
        "escaped.md": "AT&amp;T and AT\\&T.",
        "capitals.md": "HON HAI said so.",
        "spaced.md": "Hon \u00a0 Hai.",
        "other.md": "Honda and Hai Phong.",
    }
    assert pages_naming(["Hon Hai"], texts) == {
        "wrapped.md",
        "capitals.md",
        "spaced.md",
    }
    assert pages_naming(["AT&T"], texts) == {"escaped.md"}
    assert pages_naming([""], texts) == set()


def test_a_plain_edit_rebuilds_the_page_only() -> None:
    record = record_of(PAGES)
    edited = {**PAGES, "news.md": PAGES["news.md"] + "\nMore.\n"}
    assert full_rebuild_reason(record, SITE, record.inputs, edited) == ""
    model = read_site(edited.items(), options(), TODAY)
    assert pages_to_rebuild(record, model, edited).pages == {"news.md"}


def test_a_summary_edit_rebuilds_the_pages_that_link_the_entity() -> None:
    record = record_of(PAGES)
    edited = {**PAGES, "acme.md": entity_page("Acme", "Makes robots.")}
    model = read_site(edited.items(), options(), TODAY)
    assert pages_to_rebuild(record, model, edited).pages == {"acme.md", "beta.md", "news.md"}


def test_an_alias_rebuilds_the_pages_that_may_hold_it_and_those_linking_the_entity() -> None:
    pages = {**PAGES, "quiet.md": "# Quiet\n\nThe phone\nmaker said nothing.\n"}
    record = record_of(pages)
    edited = {**pages, "acme.md": entity_page("Acme", "Makes phones.", aliases="the phone maker")}
    model = read_site(edited.items(), options(), TODAY)
    assert pages_to_rebuild(record, model, edited).pages == {
        "acme.md",
        "beta.md",
        "news.md",
        "quiet.md",
    }
    unsafe = unsafe_for_names(["smarty"])
    assert "smarty" in unsafe
    assert pages_to_rebuild(record, model, edited, names_unsafe=unsafe).full


def test_what_other_pages_show_of_a_page_rebuilds_the_site() -> None:
    record = record_of(PAGES)
    inputs = record.inputs
    assert full_rebuild_reason(None, SITE, inputs, PAGES) == "first build"
    assert "configuration" in full_rebuild_reason(record, SITE, Inputs("changed", {}, TODAY), PAGES)
    assert "date" in full_rebuild_reason(
        record, SITE, Inputs("config", {}, TODAY + datetime.timedelta(days=1)), PAGES
    )
    assert "img.png" in full_rebuild_reason(
        record, SITE, Inputs("config", {"img.png": (1, 2)}, TODAY), PAGES
    )
    assert "added" in full_rebuild_reason(record, SITE, inputs, {**PAGES, "new.md": "# New"})
    removed = {k: v for k, v in PAGES.items() if k != "quiet.md"}
    assert "removed" in full_rebuild_reason(record, SITE, inputs, removed)
    titled = {**PAGES, "quiet.md": "---\ntitle: Loud\n---\n# Quiet\n"}
    assert "quiet.md" in full_rebuild_reason(record, SITE, inputs, titled)
    # The toolkit's own keys are followed page by page instead.
    events = {**PAGES, "quiet.md": "---\ncrosslinks: false\n---\n# Quiet\n"}
    assert full_rebuild_reason(record, SITE, inputs, events) == ""
    assert "another site" in full_rebuild_reason(record, ("other.yml", "site"), inputs, PAGES)


def test_mentioned_on_changes_when_a_first_link_moves_or_goes() -> None:
    record = record_of(PAGES)
    rendered = {
        "news.md": PageState("News", {}, {"acme": ("Acme met Beta again.", (0, 4))}),
        "beta.md": PageState("Beta", {}, {}),
        "quiet.md": PageState("Quiet", {}, {"beta": ("Beta, quietly.", (0, 4))}),
    }
    assert backlinks_changed(record, rendered) == {"acme", "beta"}
    unchanged = {"news.md": record.pages["news.md"]}
    assert backlinks_changed(record, unchanged) == set()


def test_a_copied_file_changed_is_copied_again_and_rebuilds_no_page() -> None:
    record = record_of(PAGES)
    record.inputs = Inputs("config", {}, TODAY, copied={"img.png": (1, 2)})
    changed = Inputs("config", {}, TODAY, copied={"img.png": (3, 4)})
    assert full_rebuild_reason(record, SITE, changed, PAGES) == ""
    assert copied_again(record, changed) == {"img.png"}
    added = Inputs("config", {}, TODAY, copied={"img.png": (1, 2), "new.png": (1, 1)})
    assert "new.png was added or removed" in full_rebuild_reason(record, SITE, added, PAGES)


def test_a_file_only_generators_read_rebuilds_all_only_with_an_extension_that_reads_files() -> None:
    record = record_of(PAGES)
    record.inputs = Inputs("config", {}, TODAY, read={"snippets/intro.md": (1, 2)})
    changed = Inputs("config", {}, TODAY, read={"snippets/intro.md": (3, 4)})
    assert full_rebuild_reason(record, SITE, changed, PAGES) == ""
    unsafe = unsafe_for_names(["pymdownx.snippets"])
    reason = full_rebuild_reason(record, SITE, changed, PAGES, names_unsafe=unsafe)
    assert "snippets/intro.md changed" in reason and "pymdownx.snippets" in reason
