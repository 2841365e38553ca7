"""Typed options of the `explainer` plugin, as written under `plugins:` in `mkdocs.yml`."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from .fields import FIELD_TYPES


class FieldConfig(base.Config):
    """One row of the comparison table: where its value lives and how to check it."""

    key = c.Type(str)
    label = c.Type(str)
    type = c.Choice(tuple(FIELD_TYPES))
    required = c.Type(bool, default=False)
    help = c.Optional(c.Type(str))
    choices = c.ListOfItems(c.Type(str), default=[])
    """Allowed values of an `enum` field, in the order they sort."""
    markdown = c.Type(bool, default=False)
    """Render `text`/`list` values as inline Markdown (raw HTML is still escaped)."""


class DiagramConfig(base.Config):
    enabled = c.Type(bool, default=True)
    edge_label = c.Optional(c.Type(str))
    """Key of the field whose value labels the edge from the subject to each entry."""
    ties_field = c.Optional(c.Type(str))
    """Key of a `list` field whose items, "<compared entity's name>: <label>", draw a
    labelled tie between two entries (e.g. `ties: ["Renault: discussed buying its stake"]`)."""
    ended_statuses = c.ListOfItems(c.Type(str), default=[])
    """Values of the status field that end an entry's story (walked away, talks ended): it
    is drawn dashed and muted."""


class ComparisonConfig(base.Config):
    """The generated page comparing every entity of one kind, side by side."""

    enabled = c.Type(bool, default=False)
    kind = c.Type(str, default="suitor")
    """Entities of this kind are compared; their values sit under a front-matter key of the
    same name (`suitor:`)."""
    path = c.Type(str, default="comparison/")
    title = c.Type(str, default="Comparison")
    description = c.Optional(c.Type(str))
    intro = c.Optional(c.Type(str))
    """Markdown file (relative to `docs_dir`) whose text opens the page."""
    fields = c.ListOfItems(c.SubConfig(FieldConfig), default=[])
    status_field = c.Optional(c.Type(str))
    """Key of the `enum` field whose values are shown as badges (text on a colour)."""
    as_of_field = c.Optional(c.Type(str))
    """Key of the `date` field that dates each column (the only row without source refs)."""
    order_by = c.ListOfItems(c.Type(str), default=["name"])
    """Sort keys: field keys (enums sort in declared order) or `name`."""
    json_path = c.Optional(c.Type(str))
    """Where the same data is published as JSON (e.g. `comparison.json`); unset for none."""
    diagram = c.SubConfig(DiagramConfig)


class TimelineConfig(base.Config):
    """The generated page listing every dated event of the site, oldest first."""

    enabled = c.Type(bool, default=False)
    path = c.Type(str, default="timeline/")
    title = c.Type(str, default="Timeline")
    description = c.Optional(c.Type(str))
    intro = c.Optional(c.Type(str))
    """Markdown file (relative to `docs_dir`) whose text opens the page."""
    json_path = c.Optional(c.Type(str))
    """Where the events are published as JSON (e.g. `timeline.json`); unset for none."""


class ExplainerConfig(base.Config):
    kinds = c.ListOfItems(c.Type(str), default=["subject", "company", "person"])
    """Allowed values of `entity.kind`."""
    link = c.Choice(("first", "all"), default="first")
    """Link the first mention of each entity on a page, or every mention."""
    case_sensitive = c.Type(bool, default=True)
    report_unlinked = c.Type(bool, default=False)
    """Log, at INFO level, each mention that the linking rules left unlinked."""
    backlinks = c.Type(bool, default=True)
    backlinks_title = c.Type(str, default="Mentioned on")
    history = c.Type(bool, default=True)
    """Close each entity page with its dated events (its own, and those that name it)."""
    history_title = c.Type(str, default="History")
    comparison = c.SubConfig(ComparisonConfig)
    timeline = c.SubConfig(TimelineConfig)
