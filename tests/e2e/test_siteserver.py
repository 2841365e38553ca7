"""The test server behaves like a static host: prefix, 404 page, redirects, gzip."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from siteserver import serve, site_prefix


@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    (tmp_path / "page").mkdir()
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<h1>home</h1>", encoding="utf-8")
    (tmp_path / "page" / "index.html").write_text("<h1>page</h1>" * 50, encoding="utf-8")
    (tmp_path / "assets" / "logo.png").write_bytes(b"\x89PNG not really")
    (tmp_path / "404.html").write_text("<h1>lost</h1>", encoding="utf-8")
    return tmp_path


def _get(url: str, gzip_ok: bool = False) -> tuple[int, dict[str, str], bytes, str]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read(), response.url
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read(), url


def test_site_prefix_comes_from_site_url() -> None:
    assert site_prefix("https://example.org/nissan-rescue/") == "/nissan-rescue/"
    assert site_prefix("https://example.org/nissan-rescue") == "/nissan-rescue/"
    assert site_prefix("https://example.org") == "/"
    assert site_prefix(None) == "/"


def test_serves_under_prefix_with_404_page_for_the_rest(tiny_site: Path) -> None:
    with serve(tiny_site, "/site/") as base:
        assert base.startswith("http://127.0.0.1:") and base.endswith("/site/")
        root = base.removesuffix("site/")
        assert _get(base)[:1] == (200,) and _get(base)[2] == b"<h1>home</h1>"
        status, _, body, final = _get(base + "page")  # redirected to the folder
        assert (status, final) == (200, base + "page/")
        assert body.startswith(b"<h1>page</h1>")
        for missing in ("nothing/", "assets/", "../outside.html"):
            assert _get(base + missing)[0::2] == (404, b"<h1>lost</h1>"), missing
        assert _get(root)[0::2] == (404, b"<h1>lost</h1>")
        assert _get(root + "site")[3] == base


def test_text_is_gzipped_for_clients_that_accept_it(tiny_site: Path) -> None:
    with serve(tiny_site, "/") as base:
        status, headers, body, _ = _get(base + "page/", gzip_ok=True)
        plain = (tiny_site / "page" / "index.html").read_bytes()
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body) == plain and len(body) < len(plain)
        assert "Content-Encoding" not in _get(base + "page/")[1]
        assert "Content-Encoding" not in _get(base + "assets/logo.png", gzip_ok=True)[1]
