"""A small explainer site with dated events, written into a temporary folder for tests."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import yaml

MKDOCS_YML = """\
site_name: Beta explainer
site_url: https://example.org/beta/
theme: {name: mkdocs}
plugins:
  - explainer:
      kinds: [subject, suitor, company, person]
      comparison:
        enabled: true
        kind: suitor
        path: compare/
        title: Who might buy Beta?
        status_field: status
        as_of_field: as_of
        order_by: [status, name]
        json_path: compare.json
        diagram: {edge_label: relation}
        fields:
          - {key: status, label: Status, type: enum, required: true,
             choices: [in talks, considering, walked away]}
          - {key: relation, label: Relation, type: text, required: true}
          - {key: as_of, label: As of, type: date, required: true}
          - {key: sources, label: Sources, type: sources, required: true}
      timeline:
        enabled: true
        path: timeline/
        title: Timeline
        json_path: timeline.json
  - search
markdown_extensions: [attr_list, md_in_html, footnotes]
"""

SOURCE = {"title": "Wire, 1 March 2025", "url": "https://news.example/a"}


def page(front: dict[str, Any], body: str) -> str:
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body


def event(date: str, what: str, **extra: Any) -> dict[str, Any]:
    return {"date": date, "what": what, **extra, "sources": [dict(SOURCE)]}


def acme_events() -> list[dict[str, Any]]:
    return [
        event("2025-02", "Acme says it is considering a stake in Beta.", status="considering"),
        event("2025-07-10", "Acme and Beta start talks on a factory.", status="in talks"),
        event("2025-09-15", "Acme walks away from the factory talks.", status="walked away"),
    ]


def write_site(root: Path, **changes: Any) -> Path:
    """Write the site under `root`; `changes` replace whole pages' front matter by name."""
    pages: dict[str, tuple[dict[str, Any], str]] = {
        "index.md": ({}, "# Beta\n\nBeta, Acme and Gamma Group.\n"),
        "beta.md": (
            {
                "entity": {"name": "Beta", "kind": "subject", "summary": "A carmaker."},
                "events": [
                    event("2025-03-02", "Beta cuts 9,000 jobs and names Acme as a partner."),
                ],
            },
            "# Beta\n\nBeta makes cars.\n",
        ),
        "acme.md": (
            {
                "entity": {"name": "Acme", "kind": "suitor", "summary": "An electronics maker."},
                "suitor": {
                    "relation": "talked about a factory",
                    "as_of": "2025-09",
                    "sources": [dict(SOURCE)],
                },
                "events": acme_events(),
            },
            "# Acme\n\nAcme makes phones and talks to Beta.\n",
        ),
        "gamma.md": (
            {
                "entity": {"name": "Gamma Group", "kind": "suitor", "summary": "A fund."},
                "suitor": {
                    "status": "considering",
                    "relation": "weighing an investment",
                    "as_of": "2025-02-14",
                    "sources": [dict(SOURCE)],
                },
            },
            "# Gamma Group\n\nGamma Group is a fund.\n",
        ),
        "rivals.md": (
            {
                "entities": [
                    {"name": "Delta", "kind": "company", "summary": "A rival.", "anchor": "delta"},
                    {"name": "Epsilon", "kind": "company", "summary": "Another.",
                     "anchor": "epsilon"},
                ]
            },
            "# Rivals\n\n## Delta {#delta}\n\nDelta sells more than Epsilon.\n\n"
            "## Epsilon {#epsilon}\n\nEpsilon sells EVs; Beta does too.\n",
        ),
    }  # fmt: skip
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for name, (front, body) in pages.items():
        front = changes.get(name.removesuffix(".md"), front)
        (docs / name).write_text(page(front, body) if front else body, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    return root / "mkdocs.yml"


def set_option(config_file: Path, section: str, **values: Any) -> None:
    """Change options of one generator section (`timeline`, `comparison`) in mkdocs.yml."""
    data = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    data["plugins"][0]["explainer"][section].update(values)
    config_file.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip()
