"""Entity front matter, checked without MkDocs: one `Problem` per thing wrong."""

from __future__ import annotations

import pytest

from site_plugins.entities import Entity, check_unique, parse_entity
from site_plugins.frontmatter import FrontMatterError

KINDS = ["subject", "suitor", "company", "person"]


def test_a_valid_entity() -> None:
    meta = {
        "entity": {"name": "Foxconn", "aliases": ["Hon Hai"], "kind": "suitor", "summary": "S."}
    }
    assert parse_entity(meta, "suitors/foxconn.md", KINDS) == Entity(
        "foxconn", "Foxconn", ("Hon Hai",), "suitor", "S.", "suitors/foxconn.md"
    )


def test_ordinary_page_has_no_entity() -> None:
    assert parse_entity({"title": "Home"}, "index.md", KINDS) is None


def test_every_bad_field_is_reported_at_once() -> None:
    meta = {"entity": {"name": "", "kind": 3, "summary": "x" * 201, "alias": ["A"]}}
    with pytest.raises(FrontMatterError) as caught:
        parse_entity(meta, "a.md", KINDS)
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("entity.alias", "unknown field (did you mean `aliases`?)"),
        ("entity.name", "must not be empty"),
        ("entity.kind", "must be text, not a number (3)"),
        ("entity.summary", "is 201 characters long; keep it to 200 or fewer"),
    ]


def test_unknown_kind_suggests_the_closest() -> None:
    meta = {"entity": {"name": "A", "kind": "sutor", "summary": "S."}}
    with pytest.raises(
        FrontMatterError, match="unknown kind 'sutor' \\(did you mean `suitor`\\?\\)"
    ):
        parse_entity(meta, "a.md", KINDS)


def test_same_name_twice_is_reported_once_on_the_later_page() -> None:
    first = Entity("a", "Alpha", (), "company", "S.", "a.md")
    second = Entity("a", "Alpha", (), "company", "S.", "b.md")
    problems = check_unique([first, second])
    assert [(p.src_uri, p.field) for p in problems] == [("b.md", "entity.name")]


def test_a_key_close_to_entity_is_fine_unless_it_holds_fields() -> None:
    assert parse_entity({"edit": False, "identity": "x"}, "a.md", KINDS) is None
    with pytest.raises(FrontMatterError, match="entiy: unknown key \\(did you mean `entity`"):
        parse_entity({"entiy": {"name": "A"}}, "a.md", KINDS)
