#!/usr/bin/env python3
"""Serve the release build for the benchmark: serve.py's handler (same strict CSP) plus two
paths that are not shipped with the app.

usage: bench_serve.py DIST PORT TEXT_FILE
  /vendor/compromise.js  compromise's browser build, from tools/node_modules (npm, pinned)
  /bench-text.txt        TEXT_FILE, the benchmark text (see bench_text.py)
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import serve  # noqa: E402

TOOLS = pathlib.Path(__file__).resolve().parent
COMPROMISE = TOOLS / "node_modules" / "compromise" / "builds" / "compromise.js"


class BenchHandler(serve.Handler):
    extra = {}

    def translate_path(self, path):
        route = path.split("?", 1)[0].split("#", 1)[0]
        if route in self.extra:
            return str(self.extra[route])
        return super().translate_path(path)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    folder, port, text = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if not COMPROMISE.is_file():
        sys.exit(f"bench_serve: {COMPROMISE} missing; run ./x setup")
    BenchHandler.extra = {"/vendor/compromise.js": COMPROMISE, "/bench-text.txt": pathlib.Path(text)}
    serve.serve(folder, port, BenchHandler)


if __name__ == "__main__":
    main()
