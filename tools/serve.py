#!/usr/bin/env python3
"""Serve a built app folder on 127.0.0.1 with the right MIME types and a strict CSP.

usage: serve.py DIR PORT
The Content-Security-Policy is the one the app must run under (no eval, no inline script,
no network): tests serve the release build with it so a violation shows up as a failure.
"""
import base64
import functools
import hashlib
import http.server
import pathlib
import re
import sys

CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {hashes}; "
       "style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'")


def inline_script_hashes(folder, page="index.html"):
    """CSP hashes of the inline loader scripts Trunk writes into index.html: the only inline
    script the page may run (an injected one has another hash and is refused). Another HTML
    page (embed-example.html, which has none) gets the hashes of its own inline scripts."""
    index = pathlib.Path(folder, page)
    if not index.exists():
        return ""
    html = index.read_text(encoding="utf-8")
    hashes = []
    for body in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S):
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        hashes.append("'sha256-%s'" % base64.b64encode(digest).decode("ascii"))
    return " ".join(hashes)


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".json": "application/json",
    }

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        page = path.rsplit("/", 1)[-1] if path.endswith(".html") else "index.html"
        page = page if re.fullmatch(r"[A-Za-z0-9_.-]+\.html", page) else "index.html"
        self.send_header("Content-Security-Policy", CSP.format(hashes=inline_script_hashes(self.directory, page)))
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, fmt, *args):  # keep test logs short
        pass


def serve(folder, port, handler_class=Handler):
    """Serve `folder` on 127.0.0.1:`port` until killed; prints "serving ..." once ready (the
    test scripts wait for that line)."""
    handler = functools.partial(handler_class, directory=folder)
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as httpd:
        print(f"serving {folder} at http://127.0.0.1:{port}/", flush=True)
        httpd.serve_forever()


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    serve(sys.argv[1], int(sys.argv[2]))


if __name__ == "__main__":
    main()
