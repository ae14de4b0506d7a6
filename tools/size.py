#!/usr/bin/env python3
"""Print the raw and gzip size of every file the app ships, and the total.

usage: size.py DIST [--check]
With --check, exit 1 when the gzip total is above the budget (3 MB).
"""
import gzip
import pathlib
import sys

BUDGET_GZIP = 3 * 1000 * 1000


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 1:
        sys.exit(__doc__)
    dist = pathlib.Path(args[0])
    files = sorted(p for p in dist.rglob("*") if p.is_file())
    if not files:
        sys.exit(f"size: no files under {dist}; build first")
    total_raw = total_gz = 0
    print(f"{'file':<48} {'raw':>12} {'gzip':>12}")
    for p in files:
        data = p.read_bytes()
        gz = len(gzip.compress(data, compresslevel=9))
        total_raw += len(data)
        total_gz += gz
        print(f"{str(p.relative_to(dist)):<48} {len(data):>12,} {gz:>12,}")
    print(f"{'total':<48} {total_raw:>12,} {total_gz:>12,}")
    ok = total_gz <= BUDGET_GZIP
    print(f"budget: {total_gz:,} of {BUDGET_GZIP:,} bytes gzip ({'ok' if ok else 'OVER BUDGET'})")
    if "--check" in sys.argv:
        print(f"size: {1 if ok else 0} passed, {0 if ok else 1} failed")
        sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
