"""A deterministic synthetic explainer site: prose pages that mention many entities.

The same `(pages, entities, seed)` always gives byte-identical files, so a benchmark
rerun measures the same input. The prose is built from a fixed vocabulary with the
shapes a real explainer has: headings, paragraphs, lists, tables, admonitions,
footnotes, inline code and fenced code, hand-written links to entity pages, and
entity names, multi-word names and aliases sprinkled through all of it. Mentions follow
a Zipf-like law (a few entities are everywhere, most are rare), as on real sites.

Nothing here imports the plugin: the generator writes Markdown and YAML only.
"""

from __future__ import annotations

import argparse
import random
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

#: Plugin-free variants of the site a benchmark compares (see `site_config`).
VARIANTS = ("plain", "explainer", "abbr", "glossary", "no-history", "timeline")
KINDS = ("company", "person", "subject")
ENTITY_DIR = "entities"
GLOSSARY_DIR = "glossary"
ARTICLE_DIR = "articles"
PAGES_PER_SECTION = 50

_ONSETS = ("b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z")
_ONSETS += ("br", "ch", "dr", "gr", "kr", "pl", "sh", "st", "tr", "th")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ei", "ou")
_CODAS = ("", "", "n", "r", "s", "l", "m", "x", "nd", "rt")
_COMPANY_SUFFIXES = ("Motors", "Holdings", "Bank", "Capital", "Group", "Industries", "Energy")
_SUBJECT_SUFFIXES = ("Accord", "Pact", "Plan", "Review", "Agreement", "Act")
_FIRST_NAMES = ("Ana", "Ben", "Carla", "Daniel", "Emi", "Farid", "Grace", "Hiro", "Ines", "Jun")
_FIRST_NAMES += ("Kenji", "Lena", "Marta", "Nadia", "Omar", "Paula", "Rui", "Sofia", "Tomas")

_VOCABULARY = """
the a an of to in on for with by from as at that this these those which while after before
company board deal talks stake merger partner investor plan market price share shares bank
capital debt equity loan factory plant car cars model models battery electric software
supply chain cost costs profit loss losses sales growth quarter year years month week
government ministry regulator agreement offer bid proposal control management chief
executive officer director chairman report reports analyst analysts newspaper statement
said says announced expects could would might may will should must has have had was were
is are be been being not only also still already again however although because since
new old large small major minor strong weak early late recent final first second third
global local domestic foreign joint public private strategic financial industrial
production volume demand revenue margin outlook forecast target guidance restructuring
jobs workers union cuts savings alliance cross shareholding voting rights premium discount
"""
_WORDS = tuple(_VOCABULARY.split())
_VERBS = ("said", "announced", "confirmed", "denied", "considered", "proposed", "rejected")
_VERBS += ("welcomed", "questioned", "reviewed", "approved", "delayed")


@dataclass(frozen=True)
class SyntheticEntity:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    summary: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    index: int = 0

    @property
    def src_uri(self) -> str:
        # In folders of 50, as a big site would be: Material shows a whole folder in the
        # navigation of each of its pages, so one folder of 10,000 would be quadratic.
        return f"{ENTITY_DIR}/group-{self.index // PAGES_PER_SECTION:03d}/{self.id}.md"


def slugify(name: str) -> str:
    """Same rule as the plugin's ids (kept separate: the generator must not import it)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def _word(rng: random.Random, syllables: int) -> str:
    parts = [rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables)]
    return ("".join(parts) + rng.choice(_CODAS)).capitalize()


def make_entities(count: int, seed: int = 0) -> list[SyntheticEntity]:
    """`count` entities with unique names, aliases and ids: about a third multi-word,
    about half with aliases (acronyms of multi-word names, short forms, old names)."""
    rng = random.Random(f"entities-{seed}")
    used: set[str] = set(w.capitalize() for w in _WORDS) | set(_WORDS)
    ids: set[str] = set()
    entities: list[SyntheticEntity] = []

    def fresh(candidate: str) -> bool:
        return candidate not in used and len(candidate) >= 2

    while len(entities) < count:
        kind = KINDS[len(entities) % len(KINDS)] if rng.random() < 0.6 else "company"
        stem = _word(rng, rng.choice((2, 2, 3)))
        if kind == "person":
            name = f"{rng.choice(_FIRST_NAMES)} {stem}"
        elif kind == "subject":
            name = f"{stem} {rng.choice(_SUBJECT_SUFFIXES)}"
        elif rng.random() < 0.45:
            name = f"{stem} {rng.choice(_COMPANY_SUFFIXES)}"
        else:
            name = stem
        entity_id = slugify(name)
        if not fresh(name) or entity_id in ids:
            continue
        aliases: list[str] = []
        if " " in name and rng.random() < 0.6:
            aliases.append(stem if kind != "person" else f"{name.split()[0][0]}. {stem}")
        if rng.random() < 0.3:
            acronym = "".join(part[0] for part in name.split()).upper() + rng.choice("ACGKNX")
            aliases.append(acronym)
        if rng.random() < 0.15:
            aliases.append(_word(rng, 2) + " " + rng.choice(_COMPANY_SUFFIXES))
        aliases = [a for a in dict.fromkeys(aliases) if fresh(a) and a != name]
        used.update((name, *aliases))
        ids.add(entity_id)
        summary = f"A synthetic {kind} known as {name}, used to benchmark cross-linking."
        entities.append(
            SyntheticEntity(entity_id, name, tuple(aliases), kind, summary, len(entities))
        )
    return entities


class _Prose:
    """Sentences and blocks of Markdown that mention entities at a realistic rate."""

    def __init__(self, rng: random.Random, entities: Sequence[SyntheticEntity], depth: int):
        self.rng = rng
        self.entities = entities
        self.up = "../" * depth
        # Zipf-like popularity: entity k is picked with weight 1 / (k + 1).
        self.weights = [1 / (rank + 1) for rank in range(len(entities))]

    def entity(self) -> SyntheticEntity:
        return self.rng.choices(self.entities, self.weights)[0] if self.entities else _NOBODY

    def mention(self) -> str:
        entity = self.entity()
        surface = self.rng.choice(entity.names)
        roll = self.rng.random()
        if not self.entities:
            return surface
        if roll < 0.05:
            return f"`{surface}`"
        if roll < 0.10:
            return f"[{surface}]({self.up}{entity.src_uri})"
        if roll < 0.14:
            return f"**{surface}**"
        if roll < 0.17:
            return f"{surface}'s"
        return surface

    def sentence(self, mentions: float = 0.45) -> str:
        words = [self.rng.choice(_WORDS) for _ in range(self.rng.randint(9, 22))]
        if self.rng.random() < mentions:
            words.insert(0, self.mention())
            words.insert(self.rng.randint(1, 3), self.rng.choice(_VERBS))
        if self.rng.random() < mentions / 2:
            words.insert(self.rng.randint(2, len(words)), self.mention())
        text = " ".join(words)
        return text[0].upper() + text[1:] + self.rng.choice(".....!?")

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(3, 7)))

    def heading(self, level: int) -> str:
        words = [self.rng.choice(_WORDS) for _ in range(self.rng.randint(2, 5))]
        if self.rng.random() < 0.3:
            words.insert(self.rng.randint(0, len(words)), self.entity().name)
        text = " ".join(words)
        return "#" * level + " " + text[0].upper() + text[1:]

    def block(self) -> str:
        roll = self.rng.random()
        if roll < 0.55:
            return self.paragraph()
        if roll < 0.70:
            return "\n".join(f"- {self.sentence(0.7)}" for _ in range(self.rng.randint(2, 6)))
        if roll < 0.78:
            rows = [
                f"| {self.entity().name} | {self.rng.choice(_WORDS)} | {self.rng.randint(1, 99)} |"
                for _ in range(self.rng.randint(2, 6))
            ]
            return "| Who | What | Share % |\n|---|---|---:|\n" + "\n".join(rows)
        if roll < 0.86:
            body = "\n".join(f"    {self.sentence(0.6)}" for _ in range(self.rng.randint(1, 3)))
            return f'!!! note "{self.rng.choice(_WORDS).capitalize()}"\n\n{body}'
        if roll < 0.93:
            entity = self.entity()
            return (
                "```python\n"
                f'stakes = {{"{entity.name}": {self.rng.randint(1, 49)}}}\n'
                f"# {entity.name} appears in code and must not be linked\n"
                "```"
            )
        return f"> {self.sentence(0.8)} {self.sentence(0.3)}"


_NOBODY = SyntheticEntity("nobody", "Nobody", (), "company", "")


def article(index: int, entities: Sequence[SyntheticEntity], seed: int, size: int) -> str:
    """A prose page of about `size` characters (deterministic in `index` and `seed`)."""
    rng = random.Random(f"article-{seed}-{index}")
    prose = _Prose(rng, entities, depth=2)
    parts = [prose.heading(1).replace("# ", f"# {index}: ", 1), prose.paragraph()]
    length = sum(map(len, parts))
    footnotes = 0
    while length < size:
        part = prose.heading(2) if rng.random() < 0.15 else prose.block()
        if rng.random() < 0.05 and part[0].isalpha():
            footnotes += 1
            part += f"[^{footnotes}]"
        parts.append(part)
        length += len(part)
    parts.extend(f"[^{n}]: {prose.sentence(0.5)}" for n in range(1, footnotes + 1))
    return "\n\n".join(parts) + "\n"


def entity_page(
    entity: SyntheticEntity, others: Sequence[SyntheticEntity], seed: int, events: int = 0
) -> str:
    rng = random.Random(f"entity-{seed}-{entity.id}")
    front: dict[str, object] = {
        "entity": {
            "name": entity.name,
            **({"aliases": list(entity.aliases)} if entity.aliases else {}),
            "kind": entity.kind,
            "summary": entity.summary,
        }
    }
    prose = _Prose(rng, others, depth=2)
    if events:
        # Links in front matter are written relative to the docs folder, not to the page.
        in_front_matter = _Prose(rng, others, depth=0)
        front["events"] = [_event(rng, in_front_matter, entity) for _ in range(events)]
    body = "\n\n".join([prose.paragraph(), prose.heading(2), prose.paragraph()])
    return f"---\n{yaml.safe_dump(front, sort_keys=False)}---\n\n# {entity.name}\n\n{body}\n"


def _event(rng: random.Random, prose: _Prose, entity: SyntheticEntity) -> dict[str, object]:
    """A dated event in 2024-2025 whose sentence names the entity and one or two others."""
    day = f"{rng.randint(2024, 2025)}-{rng.randint(1, 12):02d}"
    if rng.random() < 0.7:
        day += f"-{rng.randint(1, 28):02d}"
    what = f"{entity.name} {rng.choice(_VERBS)} a {prose.sentence(0.6).rstrip('.')}."
    return {
        "date": day,
        "what": what,
        "sources": [{"title": f"Wire report, {day}", "url": f"https://news.example/{day}"}],
    }


def glossary_page(entity: SyntheticEntity) -> str:
    """The same entity as mkdocs-glossary-plugin wants it: file name = term, aliases in a
    Python-Markdown `meta` field (continuation lines indented by four spaces)."""
    aliases = "\n    ".join(entity.aliases)
    front = f"---\nglossary: {aliases}\n---\n\n" if aliases else ""
    return f"{front}# {entity.name}\n\n{entity.summary}\n"


def site_config(variant: str, entities: Sequence[SyntheticEntity]) -> dict[str, object]:
    """mkdocs.yml for one variant; every variant has the same theme, extensions and pages."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; expected one of {VARIANTS}")
    extensions: list[object] = [
        "admonition",
        "attr_list",
        "footnotes",
        "md_in_html",
        "tables",
        {"toc": {"permalink": True}},
        "pymdownx.superfences",
        "pymdownx.highlight",
    ]
    plugins: list[object] = ["search"]
    if variant == "explainer":
        plugins.append({"explainer": {"kinds": list(KINDS)}})
    elif variant == "no-history":
        plugins.append({"explainer": {"kinds": list(KINDS), "history": False}})
    elif variant == "timeline":
        timeline = {"enabled": True, "json_path": "timeline.json"}
        plugins.append({"explainer": {"kinds": list(KINDS), "timeline": timeline}})
    elif variant == "abbr":
        glossary = {name: e.summary for e in entities for name in e.names}
        extensions.append({"abbr": {"glossary": glossary}})
    elif variant == "glossary":
        plugins.append({"mkdocs-glossary-plugin": {"glossary_dirs": [GLOSSARY_DIR]}})
    return {
        "site_name": "Synthetic explainer",
        # `navigation.prune` is what Material advises for big sites: without it every page
        # carries the whole navigation, which makes a 2,000-page build quadratic (4 min
        # instead of 45 s here) and would drown any plugin's cost in template rendering.
        "theme": {"name": "material", "font": False, "features": ["navigation.prune"]},
        "plugins": plugins,
        "markdown_extensions": extensions,
    }


def article_path(index: int) -> str:
    return f"{ARTICLE_DIR}/section-{index // PAGES_PER_SECTION:03d}/page-{index:05d}.md"


def site_files(
    pages: int,
    entities: int,
    seed: int = 0,
    variant: str = "explainer",
    page_size: int = 6000,
    events: int = 0,
) -> Iterator[tuple[str, str]]:
    """(path, text) of every file of the site: `mkdocs.yml` first, then `docs/...`.

    `events` dated events go on each entity page (for the timeline's benchmark).
    """
    catalogue = make_entities(entities, seed)
    yield "mkdocs.yml", yaml.safe_dump(site_config(variant, catalogue), sort_keys=False)
    yield "docs/index.md", "# Synthetic explainer\n\nA generated site for benchmarks.\n"
    for entity in catalogue:
        if variant == "glossary":
            yield f"docs/{GLOSSARY_DIR}/{entity.name}.md", glossary_page(entity)
        else:
            yield f"docs/{entity.src_uri}", entity_page(entity, catalogue, seed, events)
    for index in range(pages):
        yield f"docs/{article_path(index)}", article(index, catalogue, seed, page_size)


def write_site(
    dest: Path,
    pages: int,
    entities: int,
    seed: int = 0,
    variant: str = "explainer",
    page_size: int = 6000,
    events: int = 0,
) -> Path:
    """Write the site under `dest`; return its mkdocs.yml."""
    for path, text in site_files(pages, entities, seed, variant, page_size, events):
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return dest / "mkdocs.yml"


def write_config(dest: Path, variant: str, entities: int, seed: int = 0) -> Path:
    """`mkdocs-<variant>.yml` next to a site written by `write_site`: the same pages built
    another way (not for `glossary`, whose pages differ)."""
    config = dest / f"mkdocs-{variant}.yml"
    text = yaml.safe_dump(site_config(variant, make_entities(entities, seed)), sort_keys=False)
    config.write_text(text, encoding="utf-8")
    return config


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--entities", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--variant", choices=VARIANTS, default="explainer")
    parser.add_argument("--events", type=int, default=0, help="dated events per entity page")
    args = parser.parse_args(argv)
    config = write_site(
        args.dest, args.pages, args.entities, args.seed, args.variant, events=args.events
    )
    print(config)


if __name__ == "__main__":
    main()
