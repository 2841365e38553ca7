"""Serve a built site on 127.0.0.1 the way a static host does.

Used by the browser tests and by `scripts/lighthouse`. Two things a bare
`http.server` gets wrong for an MkDocs site, and a real host gets right:

* the site lives under the path of its `site_url` (`/nissan-rescue/`), and MkDocs writes
  the 404 page's links as absolute paths under that prefix, so serving at `/` would break
  the 404 page;
* an unknown path answers with `404.html` and status 404, not a bare error page;
* text is sent gzip-compressed to clients that accept it, so Lighthouse measures the bytes
  readers will download.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

__all__ = ["serve", "site_prefix"]


def site_prefix(site_url: str | None) -> str:
    """The path the site is served under: `/nissan-rescue/` for `https://host/nissan-rescue/`."""
    path = urlsplit(site_url or "").path or "/"
    return path if path.endswith("/") else path + "/"


COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")


@functools.lru_cache(maxsize=256)
def _compress(path: str, mtime_ns: int) -> bytes:
    # Keyed on mtime too, so a rebuilt file is not served stale.
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        route = urlsplit(self.path).path
        if route + "/" == self.prefix:
            self.send_response(301)
            self.send_header("Location", self.prefix)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if not route.startswith(self.prefix):
            # Outside the site: the 404 page answers.
            self.send_error(404)
            return None
        if route.endswith("/") or not os.path.isdir(self.translate_path(self.path)):
            compressed = self._gzipped(self.translate_path(self.path))
            if compressed is not None:
                return compressed
        return super().send_head()

    def _gzipped(self, path: str) -> io.BytesIO | None:
        """Text files gzip-encoded, as static hosts send them (Lighthouse counts the bytes)."""
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        content_type = self.guess_type(path)
        accepts = self.headers.get("Accept-Encoding", "")
        if (
            "gzip" not in accepts
            or not os.path.isfile(path)
            or not content_type.startswith(COMPRESSIBLE)
        ):
            return None
        body = _compress(path, os.stat(path).st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + urlsplit(path).path[len(self.prefix) :])

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        # Hosts do not list folders that lack an index.html; neither do we.
        self.send_error(404)
        return None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        # A page load is dozens of requests; test output should show failures, not these.
        pass


@contextmanager
def serve(site_dir: Path, prefix: str = "/") -> Iterator[str]:
    """Serve `site_dir` under `prefix` on a free port; yields the site's base URL."""
    handler = type("Handler", (_SiteHandler,), {"prefix": prefix})
    factory = functools.partial(handler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), factory)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
