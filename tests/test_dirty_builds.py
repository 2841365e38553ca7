"""Issue 15: under `mkdocs serve --dirty`, the site after any sequence of edits is the site
a clean build of the same files makes, byte for byte.

A small explainer site (tests/timeline_site.py plus articles) is edited at random: mentions
added and removed, entities renamed, aliases added, summaries and statuses changed, events
added, pages added, deleted and retitled, titles set in front matter, the configuration
changed, a static file written, a page broken and mended, files saved unchanged. After
each edit, a dirty build session (tests/dirty_worker.py, the way `mkdocs serve --dirty`
builds) and a clean build of the same files into an empty folder are compared file by
file: HTML, search index, sitemap, JSON exports.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.dirty_worker import ENV, ROOT, DirtySession, clean_build, differences
from tests.serving import fetch, mkdocs_serve, read, served_url, wait_for
from tests.timeline_site import event, page, write_site

IN_CI = os.environ.get("CI") == "true"
STEPS = 14
# More sequences for a deeper run: DIRTY_BUILD_SEEDS=50 pytest tests/test_dirty_builds.py
SEEDS = range(int(os.environ.get("DIRTY_BUILD_SEEDS", 4 if IN_CI else 2)))

ARTICLES = {
    "news/deal.md": "# The deal\n\nAcme met Beta in March. Gamma Group watched.\n\n"
    "Later Acme said no. Delta grew.\n",
    "news/money.md": "# Money\n\nGamma Group has cash. Beta needs it.\n\nEpsilon does not.\n",
    "news/quiet.md": "# Quiet\n\nNothing here names anyone.\n",
}
WORDS = ["Acme", "Beta", "Gamma Group", "Delta", "Epsilon"]
#: Aliases the edits add, and mention before or after they exist.
ALIASES = ["the fund", "Beta Motors", "Giant", "Acme & Sons", "Gamma"]


def write_explainer(root: Path, theme: str) -> Path:
    config = write_site(root)
    text = config.read_text(encoding="utf-8")
    if theme == "material":
        text = text.replace("theme: {name: mkdocs}", "theme: {name: material, font: false}")
    # An intro for the comparison, in a folder MkDocs does not build (as the real site has).
    text = text.replace(
        "        path: compare/\n", "        path: compare/\n        intro: snippets/intro.md\n"
    )
    text += "exclude_docs: |\n  snippets/\n"
    config.write_text(text, encoding="utf-8")
    (root / "docs" / "snippets").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "snippets" / "intro.md").write_text("Who talks to Beta.\n", "utf-8")
    for path, body in ARTICLES.items():
        (root / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / path).write_text(body, encoding="utf-8")
    return config


# --- Edits ----------------------------------------------------------------------------------


class Site:
    """The site's files, edited the way an editor would."""

    def __init__(self, root: Path, rng: random.Random) -> None:
        self.root, self.docs, self.rng = root, root / "docs", rng
        self.broken: tuple[Path, str] | None = None
        self.counter = 0

    def pages(self) -> list[Path]:
        return sorted(self.docs.rglob("*.md"))

    def read(self, path: Path) -> tuple[dict[str, Any], str]:
        text = path.read_text(encoding="utf-8")
        match = re.match(r"---\n(.*?\n)---\n", text, re.DOTALL)
        if not match:
            return {}, text
        return yaml.safe_load(match.group(1)) or {}, text[match.end() :]

    def write(self, path: Path, front: dict[str, Any], body: str) -> None:
        path.write_text(page(front, body) if front else body, encoding="utf-8")

    def entity_pages(self) -> list[Path]:
        return [p for p in self.pages() if "entity" in self.read(p)[0]]

    def names(self) -> list[str]:
        found = []
        for path in self.pages():
            front, _ = self.read(path)
            for entity in [front.get("entity"), *front.get("entities", [])]:
                if isinstance(entity, dict):
                    found += [entity["name"], *entity.get("aliases", [])]
        return found

    def fresh(self) -> str:
        self.counter += 1
        return f"{self.rng.choice(['Omega', 'Sigma', 'Kappa'])}{self.counter}"

    # Each edit returns what it did, for the failure message.

    def add_mention(self) -> str:
        path = self.rng.choice(self.pages())
        front, body = self.read(path)
        name = self.rng.choice(self.names() + WORDS + ALIASES)
        # As editors type names: sometimes across a line break, with `&amp;`, in capitals.
        written = self.rng.choice(
            [name, name.replace(" ", "\n", 1), name.replace("&", "&amp;"), name.upper()]
        )
        self.write(path, front, body + f"\nLater, {written} said more ({self.fresh()}).\n")
        return f"mention {written!r} in {path.name}"

    def remove_mention(self) -> str:
        names = self.names()
        for path in self.rng.sample(self.pages(), len(self.pages())):
            front, body = self.read(path)
            present = [n for n in names if n in body]
            if present:
                name = self.rng.choice(present)
                self.write(path, front, body.replace(name, "someone", 1))
                return f"unmention {name!r} in {path.name}"
        return "no mention to remove"

    def body_edit(self) -> str:
        path = self.rng.choice(self.pages())
        front, body = self.read(path)
        self.write(path, front, body + f"\nA plain sentence, {self.fresh()}.\n")
        return f"plain edit of {path.name}"

    def _edit_entity(self, change: Callable[[dict[str, Any]], str]) -> str:
        path = self.rng.choice(self.entity_pages())
        front, body = self.read(path)
        did = change(front["entity"])
        self.write(path, front, body)
        return f"{did} on {path.name}"

    def rename(self) -> str:
        new = self.fresh()
        return self._edit_entity(
            lambda e: f"rename {e['name']!r} to {new!r}" + str(e.update(name=new) or "")
        )

    def add_alias(self) -> str:
        alias = self.rng.choice(ALIASES)
        if alias in self.names():
            alias = self.fresh()

        def change(entity: dict[str, Any]) -> str:
            entity["aliases"] = [*entity.get("aliases", []), alias]
            return f"alias {alias!r}"

        return self._edit_entity(change)

    def summary(self) -> str:
        text = f"Now described as {self.fresh()}."
        return self._edit_entity(lambda e: f"summary {text!r}" + str(e.update(summary=text) or ""))

    def status(self) -> str:
        path = self.docs / "acme.md"
        if not path.exists():
            return "no acme page"
        front, body = self.read(path)
        status = self.rng.choice(["in talks", "considering", "walked away"])
        day = 10 + self.counter % 15
        front.setdefault("events", []).append(
            event(f"2025-10-{day:02d}", f"Acme changes course ({self.fresh()}).", status=status)
        )
        self.write(path, front, body)
        return f"acme status {status!r}"

    def add_event(self) -> str:
        path = self.rng.choice(self.entity_pages())
        front, body = self.read(path)
        other = self.rng.choice(self.names() + WORDS + ALIASES)
        front.setdefault("events", []).append(
            event("2025-08-01", f"A meeting with {other} ({self.fresh()}).")
        )
        self.write(path, front, body)
        return f"event naming {other!r} on {path.name}"

    def add_page(self) -> str:
        path = self.docs / "news" / f"{self.fresh().lower()}.md"
        names = self.rng.sample(self.names() + WORDS, 2)
        path.write_text(f"# New {path.stem}\n\n{names[0]} and {names[1]} met.\n", "utf-8")
        return f"add {path.name}"

    def delete_page(self) -> str:
        candidates = [p for p in self.pages() if p.parent.name == "news"]
        if len(candidates) < 2:
            return self.add_page()
        path = self.rng.choice(candidates)
        path.unlink()
        return f"delete {path.name}"

    def retitle(self) -> str:
        path = self.rng.choice(self.pages())
        front, body = self.read(path)
        body = re.sub(r"^# .*$", f"# Retitled {self.fresh()}", body, count=1, flags=re.M)
        if not body.startswith("# "):
            body = f"# Retitled {self.fresh()}\n\n{body}"
        self.write(path, front, body)
        return f"retitle {path.name}"

    def configure(self) -> str:
        config = self.root / "mkdocs.yml"
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
        options = data["plugins"][0]["explainer"]
        options["backlinks_title"] = f"Named on ({self.fresh()})"
        config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        return "change backlinks_title in mkdocs.yml"

    def static_edit(self) -> str:
        path = self.docs / "assets" / "note.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"A file that is copied, {self.fresh()}.\n", encoding="utf-8")
        return "write assets/note.txt"

    def intro_edit(self) -> str:
        path = self.docs / "snippets" / "intro.md"
        path.write_text(f"Who talks to Beta and Acme, {self.fresh()}.\n", encoding="utf-8")
        return "edit the comparison's intro (an excluded file)"

    def front_title(self) -> str:
        path = self.rng.choice(self.pages())
        front, body = self.read(path)
        front["title"] = f"Titled {self.fresh()}"
        self.write(path, front, body)
        return f"front-matter title on {path.name}"

    def shared_page_summary(self) -> str:
        path = self.docs / "rivals.md"
        front, body = self.read(path)
        entity = self.rng.choice(front["entities"])
        entity["summary"] = f"A rival, {self.fresh()}."
        self.write(path, front, body)
        return f"summary of {entity['name']!r} on rivals.md"

    def touch(self) -> str:
        path = self.rng.choice(self.pages())
        path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        return f"save {path.name} unchanged"

    def break_page(self) -> str:
        path = self.rng.choice(self.entity_pages())
        text = path.read_text(encoding="utf-8")
        self.broken = (path, text)
        path.write_text(text.replace("summary:", "summary: [unclosed", 1), encoding="utf-8")
        return f"break the front matter of {path.name}"

    def mend(self) -> str:
        assert self.broken is not None
        path, text = self.broken
        path.write_text(text, encoding="utf-8")
        self.broken = None
        return f"mend {path.name}"

    def next_edit(self) -> str:
        if self.broken is not None:
            return self.mend()
        edits = [
            self.add_mention, self.add_mention, self.remove_mention, self.body_edit,
            self.body_edit, self.rename, self.add_alias, self.summary, self.status,
            self.add_event, self.add_page, self.delete_page, self.retitle, self.configure,
            self.touch, self.break_page, self.static_edit, self.intro_edit, self.front_title,
            self.shared_page_summary,
        ]  # fmt: skip
        return self.rng.choice(edits)()


# --- Builds ---------------------------------------------------------------------------------


@contextmanager
def dirty_session(config: Path, site_dir: Path) -> Iterator[Callable[[], dict[str, Any]]]:
    with DirtySession(config, site_dir) as session:
        yield session.build


# --- Tests ----------------------------------------------------------------------------------


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
@pytest.mark.parametrize("seed", SEEDS)
def test_random_edits_keep_a_dirty_build_identical_to_a_clean_one(
    tmp_path: Path, theme: str, seed: int
) -> None:
    config = write_explainer(tmp_path / "site", theme)
    site = Site(tmp_path / "site", random.Random(f"{theme}-{seed}"))
    served = tmp_path / "served"
    history: list[str] = []
    with dirty_session(config, served) as dirty_build:
        first = dirty_build()
        assert first["ok"], first
        for step in range(STEPS):
            history.append(site.next_edit())
            dirty = dirty_build()
            clean_dir = tmp_path / f"clean-{step}"
            clean = clean_build(config, clean_dir)
            assert dirty["ok"] == clean["ok"], (history, dirty, clean)
            if not clean["ok"]:
                continue
            assert differences(served, clean_dir) == [], history


def pages_rewritten(config: Path, served: Path, edit: Callable[[], object]) -> set[str]:
    """The HTML files a dirty build after `edit` writes again (after a first build)."""
    with dirty_session(config, served) as dirty_build:
        assert dirty_build()["ok"]
        html = {p: p.stat().st_mtime_ns for p in served.rglob("*.html")}
        edit()
        assert dirty_build()["ok"]
    return {p.relative_to(served).as_posix() for p, t in html.items() if p.stat().st_mtime_ns != t}


def test_an_ordinary_edit_rebuilds_few_pages(tmp_path: Path) -> None:
    """Proportional: a plain edit of one article rebuilds that article, not the site."""
    config = write_explainer(tmp_path / "site", "mkdocs")
    article = tmp_path / "site" / "docs" / "news" / "quiet.md"
    rewritten = pages_rewritten(
        config,
        tmp_path / "served",
        lambda: article.write_text(article.read_text("utf-8") + "\nOne more sentence.\n", "utf-8"),
    )
    # The 404 page and the sitemap are written by every build; pages only when rebuilt.
    assert rewritten == {"news/quiet/index.html", "404.html"}


@pytest.mark.slow
def test_a_summary_edit_reaches_every_page_that_links_the_entity_under_serve(
    tmp_path: Path,
) -> None:
    """The real server, as `./scripts/serve` runs it: a changed summary is the link preview
    on a page that was not edited, and MkDocs' "inaccurate navigation" warning is gone."""
    config = write_explainer(tmp_path / "site", "material")
    log = tmp_path / "serve.log"
    acme = tmp_path / "site" / "docs" / "acme.md"
    with mkdocs_serve(config, log, "--dirty"):
        url = served_url(log)
        article = url + "news/deal/"
        wait_for(
            "the article", lambda: 'title="An electronics maker."' in fetch(article)[1], 60, log
        )
        acme.write_text(
            acme.read_text("utf-8").replace("An electronics maker.", "A robot maker."), "utf-8"
        )
        wait_for("the new summary", lambda: 'title="A robot maker."' in fetch(article)[1], 60, log)
        assert "An electronics maker." not in fetch(article)[1]
    assert "A 'dirty' build is being performed" not in read(log)


# --- Edits the random sequence does not make --------------------------------------------------


def assert_each_step_matches(
    tmp_path: Path, config: Path, steps: list[tuple[str, Callable[[], object]]]
) -> None:
    """Run `steps` (what each does, the edit) under one dirty session; after each, the dirty
    build succeeds or fails as a clean build does, and makes the same files."""
    served = tmp_path / "served"
    with dirty_session(config, served) as dirty_build:
        first = dirty_build()
        assert first["ok"], first
        for number, (did, step) in enumerate(steps):
            step()
            dirty = dirty_build()
            clean_dir = tmp_path / f"clean-{number}"
            clean = clean_build(config, clean_dir)
            assert dirty["ok"] == clean["ok"], (did, dirty, clean)
            if clean["ok"]:
                assert differences(served, clean_dir) == [], did


def replace_in(path: Path, old: str, new: str) -> Callable[[], None]:
    def edit() -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, (path, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def test_a_page_deleted_while_the_build_fails_leaves_no_output(tmp_path: Path) -> None:
    """The editor breaks a page, deletes another while the preview shows the error, then
    mends the first: the deleted page's output must go, as after any deletion."""
    config = write_explainer(tmp_path / "site", "mkdocs")
    docs = tmp_path / "site" / "docs"
    acme = (docs / "acme.md").read_text(encoding="utf-8")
    steps: list[tuple[str, Callable[[], object]]] = [
        ("break acme.md", replace_in(docs / "acme.md", "summary:", "summary: [unclosed")),
        ("delete news/quiet.md", (docs / "news" / "quiet.md").unlink),
        ("mend acme.md", lambda: (docs / "acme.md").write_text(acme, encoding="utf-8")),
    ]
    assert_each_step_matches(tmp_path, config, steps)


def test_a_heading_renamed_under_a_link_to_it_fails_a_strict_build(tmp_path: Path) -> None:
    """`--strict` with `validation: {anchors: warn}`: a page links to a heading of an entity
    page, the heading is renamed; the linking page is not rebuilt, but its link is broken,
    and a clean build says so."""
    config = write_explainer(tmp_path / "site", "mkdocs")
    with config.open("a", encoding="utf-8") as file:
        file.write("strict: true\nvalidation: {anchors: warn}\n")
    docs = tmp_path / "site" / "docs"
    replace_in(docs / "acme.md", "talks to Beta.\n", "talks to Beta.\n\n## Talks\n\nMore.\n")()
    replace_in(
        docs / "news" / "quiet.md", "anyone.", "anyone. See [the talks](../acme.md#talks)."
    )()
    steps: list[tuple[str, Callable[[], object]]] = [
        ("rename the heading", replace_in(docs / "acme.md", "## Talks", "## Negotiations")),
        ("rename it back", replace_in(docs / "acme.md", "## Negotiations", "## Talks")),
    ]
    assert_each_step_matches(tmp_path, config, steps)


TWO_SITES = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config

for number, (config_file, site_dir) in enumerate(zip(sys.argv[1::2], sys.argv[2::2])):
    config = load_config(config_file, site_dir=site_dir)
    if number == 0:
        config.plugins.on_startup(command="serve", dirty=True)
    config.site_url = "http://127.0.0.1:8000/"
    build(config, serve_url=config.site_url, dirty=True)
"""


def test_building_another_site_in_the_same_process_leaves_the_first_ones_output(
    tmp_path: Path,
) -> None:
    """MkDocs keeps one plugin instance per process (for `on_startup`): a dirty build of a
    second site must not delete the first site's files as "outputs of files now gone"."""
    first = write_explainer(tmp_path / "first", "mkdocs")
    second = write_explainer(tmp_path / "second", "mkdocs")
    (tmp_path / "second" / "docs" / "news" / "quiet.md").unlink()
    args = [str(first), str(tmp_path / "out-first"), str(second), str(tmp_path / "out-second")]
    subprocess.run(
        [sys.executable, "-c", TWO_SITES, *args], check=True, env=ENV, cwd=ROOT, timeout=300
    )
    clean_build(first, tmp_path / "clean-first")
    assert differences(tmp_path / "out-first", tmp_path / "clean-first") == []


def test_a_page_excluded_in_mkdocs_yml_leaves_no_output(tmp_path: Path) -> None:
    """`exclude_docs` keeps the file among MkDocs' files, but a clean build writes nothing
    for it."""
    config = write_explainer(tmp_path / "site", "mkdocs")

    def exclude() -> None:
        with config.open("a", encoding="utf-8") as file:
            file.write("exclude_docs: |\n  news/quiet.md\n")

    assert_each_step_matches(tmp_path, config, [("exclude news/quiet.md", exclude)])


def test_a_static_file_replaced_by_an_older_copy_is_copied(tmp_path: Path) -> None:
    """`cp -p`, `rsync -a` or unpacking an archive gives a file an older modification time
    than its copy in the output: MkDocs' own `--dirty` would not copy it again."""
    config = write_explainer(tmp_path / "site", "mkdocs")
    note = tmp_path / "site" / "docs" / "assets" / "note.txt"
    note.parent.mkdir()
    note.write_text("The first version.\n", encoding="utf-8")

    def replace() -> None:
        note.write_text("The second version, from an archive.\n", encoding="utf-8")
        os.utime(note, ns=(10**18, 10**18))  # 2001

    assert_each_step_matches(tmp_path, config, [("replace assets/note.txt", replace)])


def test_a_description_edit_rebuilds_one_page(tmp_path: Path) -> None:
    """`description:` (an ordinary page's meta description) is shown on its own page only:
    adding or changing it must not rebuild the site (about 75 s on 2,000 pages)."""
    config = write_explainer(tmp_path / "site", "material")
    served = tmp_path / "served"
    article = tmp_path / "site" / "docs" / "news" / "quiet.md"
    rewritten = pages_rewritten(
        config,
        served,
        lambda: article.write_text("---\ndescription: Quiet.\n---\n" + article.read_text("utf-8")),
    )
    assert rewritten == {"news/quiet/index.html", "404.html"}
    assert clean_build(config, tmp_path / "clean")["ok"]
    assert differences(served, tmp_path / "clean") == []


def test_an_intro_that_is_also_a_page_reaches_the_generated_page(tmp_path: Path) -> None:
    """Nothing requires the comparison's intro to be excluded from the pages: when it is a
    page too, an edit of its text changes the comparison page."""
    config = write_explainer(tmp_path / "site", "mkdocs")
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("kind: suitor\n", "kind: suitor\n        intro: news/quiet.md\n", 1)
    )
    quiet = tmp_path / "site" / "docs" / "news" / "quiet.md"
    steps: list[tuple[str, Callable[[], object]]] = [
        ("edit the intro", replace_in(quiet, "names anyone.", "names anybody at all.")),
    ]
    assert_each_step_matches(tmp_path, config, steps)


def test_an_editors_lock_file_breaks_no_build(tmp_path: Path) -> None:
    """Emacs marks a buffer with unsaved changes by a dangling symlink next to the file
    (`.#acme.md -> user@host.pid`): MkDocs excludes dot-files and never reads it."""
    config = write_explainer(tmp_path / "site", "mkdocs")
    docs = tmp_path / "site" / "docs"
    steps: list[tuple[str, Callable[[], object]]] = [
        ("lock acme.md", lambda: os.symlink("editor@host.4242:1790000000", docs / ".#acme.md")),
        ("unlock it", (docs / ".#acme.md").unlink),
    ]
    assert_each_step_matches(tmp_path, config, steps)


def test_an_editors_swap_file_rebuilds_no_page(tmp_path: Path) -> None:
    """Vim writes `.page.md.swp` next to the page it edits, every few seconds of typing, and
    `mkdocs serve` rebuilds on it: MkDocs excludes dot-files, so no page changes."""
    config = write_explainer(tmp_path / "site", "mkdocs")
    swap = tmp_path / "site" / "docs" / "news" / ".quiet.md.swp"
    rewritten = pages_rewritten(config, tmp_path / "served", lambda: swap.write_bytes(b"b0VIM"))
    assert rewritten == {"404.html"}
