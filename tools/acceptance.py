#!/usr/bin/env python3
"""Acceptance checks against ../shared (run by .ci/run, not part of ./x test).

usage: acceptance.py SHARED_DIR GLOSS_BINARY
Prints one line per check and ends with "acceptance: N passed, N failed".
"""
import json
import pathlib
import re
import subprocess
import sys

LABELS = {"PER", "ORG", "LOC", "MISC", "DATE"}
# Regression floor under the measured 0.863 (issue 4 targets 0.90 and a 0.88 floor once reached).
NER_F1_FLOOR = 0.86


class Checks:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"  ok   {name}")
        else:
            self.failed += 1
            print(f"  FAIL {name} {detail}")
        return ok


def annotate(gloss, files):
    proc = subprocess.run([gloss, "annotate", "--json", *map(str, files)], capture_output=True, text=True)
    doc = None
    if proc.returncode == 0:
        try:
            doc = json.loads(proc.stdout)
        except json.JSONDecodeError:
            doc = None
    return proc, doc


def contract_problems(c):
    """Every way the JSON breaks contract v1."""
    problems = []
    if c.get("version") != 1:
        problems.append("version != 1")
    ids = {e["id"] for e in c.get("entities", [])}
    for e in c.get("entities", []):
        if e.get("label") not in LABELS:
            problems.append(f"entity {e.get('id')} label {e.get('label')}")
    for d, doc in enumerate(c.get("documents", [])):
        text = doc["text"]
        for m in doc["mentions"]:
            if text[m["start"]:m["end"]] != m["text"]:
                problems.append(f"doc {d}: mention offsets {m['start']}..{m['end']} do not give {m['text']!r}")
            if m["label"] not in LABELS or m["entity"] not in ids:
                problems.append(f"doc {d}: mention {m['text']!r} has label {m['label']} entity {m['entity']}")
        for link in doc["links"]:
            if text[link["start"]:link["end"]] != link["anchor"]:
                problems.append(f"doc {d}: link offsets do not give {link['anchor']!r}")
        for q in doc["quotes"]:
            if q["speaker"] is not None and q["speaker"] not in ids:
                problems.append(f"doc {d}: quote speaker {q['speaker']} unknown")
    for r in c.get("relations", []):
        if r["source"] not in ids or r["target"] not in ids:
            problems.append(f"relation {r} names an unknown entity")
    return problems


def entities_with(c, pattern):
    """Ids of the entities any of whose aliases matches `pattern` (a regex, case-insensitive)."""
    rx = re.compile(pattern, re.I)
    return {e["id"] for e in c["entities"] if any(rx.search(a) for a in e["aliases"])}


def check_link_preview(t, link, names):
    """Issue 6 on one link of seed 002, derived from its URL alone: the site is a display name (not
    the host), the trail is the section path, the date is the path's /YYYY/MM/DD/, the title has the
    slug's words in order, names capitalised, and the title's names are linked as entities."""
    from urllib.parse import urlparse
    p = link.get("preview") or {}
    url = urlparse(link["href"])
    segments = [s for s in url.path.split("/") if s]
    short = segments[-1][:40] if segments else link["href"]
    m = re.search(r"/(\d{4})/(\d{2})/(\d{2})/", url.path)
    site = p.get("site") or ""
    t.check(f"002 link {short}: site is a display name", site and "." not in site and site.lower() != url.netloc.lower(), repr(site))
    if m:
        t.check(f"002 link {short}: date from the URL", p.get("date") == "-".join(m.groups()), repr(p.get("date")))
        section = segments[: segments.index(m.group(1))]
        trail = [s.strip().lower() for s in (p.get("trail") or "").split("›")]
        t.check(f"002 link {short}: section trail", trail == [s.lower() for s in section], repr(p.get("trail")))
    title = p.get("title") or ""
    slug_words = segments[-1].split("-") if segments else []
    title_words = re.findall(r"[\w']+", title)
    t.check(f"002 link {short}: title has the slug's words in order",
            [w.lower().replace("'", "") for w in title_words] == [w.lower() for w in slug_words], repr(title))
    t.check(f"002 link {short}: title starts with a capital", title[:1].isupper(), repr(title))
    linked = [names.get(e, "") for e in p.get("entities", [])]
    named_in_title = [n for n in names.values() if n and re.search(rf"\b{re.escape(n)}\b", title, re.I)]
    t.check(f"002 link {short}: names in the title are capitalised",
            all(re.search(rf"\b{re.escape(n)}\b", title) for n in named_in_title), f"{title!r} vs {named_in_title}")
    t.check(f"002 link {short}: the title's entities are linked", bool(linked) or not named_in_title,
            f"linked {linked}, named {named_in_title}")


def check_resolution(t, name, c):
    text = " ".join(d["text"] for d in c["documents"])
    if re.search(r"Hayat Tahrir", text):
        hts = entities_with(c, r"^(Hayat Tahrir .*|HTS)$")
        t.check(f"{name}: every spelling of Hayat Tahrir al-Sham and HTS is one entity", len(hts) == 1, str(hts))
    for surname in ("Bashir", "Khulaifi", "Shara", "Ansari", "Biden"):
        ids = entities_with(c, rf"\b{surname}$")
        people = {i for i in ids if next(e for e in c["entities"] if e["id"] == i)["label"] == "PER"}
        if ids:
            t.check(f"{name}: every mention of {surname} is one person", len(people) == 1 and people == ids, str(ids))
    if re.search(r"Bashar al[- ]Assad", text, re.I):
        bashar = entities_with(c, r"Bashar al[- ]Assad")
        t.check(f"{name}: Bashar al-Assad is found, as one entity", len(bashar) == 1, str(bashar))
    if re.search(r"Bashar al[- ]Assad", text, re.I):
        hafez_ids = entities_with(c, r"Hafez")
        assad = {m["entity"] for d in c["documents"] for m in d["mentions"]
                 if re.search(r"Assad$", m["text"]) and m["entity"] not in hafez_ids}
        t.check(f"{name}: every other Assad mention is Bashar al-Assad", assad == entities_with(c, r"Bashar al[- ]Assad"),
                str(assad))
    if re.search(r"Hafez", text):
        hafez = entities_with(c, r"Hafez")
        bashar = entities_with(c, r"Bashar")
        t.check(f"{name}: Hafez and Bashar al-Assad stay apart", len(hafez) == 1 and bashar and not (hafez & bashar),
                f"{hafez} {bashar}")
    if re.search(r"Jawlani", text):
        jawlani = entities_with(c, r"Jawlani")
        shara = entities_with(c, r"Shara$")
        t.check(f"{name}: the nom de guerre joins its person", len(jawlani) == 1 and jawlani == shara, f"{jawlani} {shara}")
    for d, doc in enumerate(c["documents"]):
        if "Ansari" not in doc["text"]:
            continue
        names = {e["id"]: e["name"] for e in c["entities"]}
        attributed = [q for q in doc["quotes"] if q["speaker"]]
        said = [names[q["speaker"]] for q in attributed]
        t.check(f"{name}: doc {d}: quotes of Al Ansari and Biden have their speakers",
                any("Ansari" in s for s in said) and any("Biden" in s for s in said), str(said))


def squash(s):
    return re.sub(r"\s+", " ", s).strip()


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    shared, gloss = pathlib.Path(sys.argv[1]), sys.argv[2]
    seeds = sorted((shared / "seeds").glob("[0-9]*.txt"))
    t = Checks()
    t.check("seed articles present", len(seeds) >= 2, str(seeds))

    contracts = {}
    for seed in seeds:
        proc, c = annotate(gloss, [seed])
        ok = t.check(f"{seed.name}: annotate --json exits 0 with JSON", c is not None, proc.stderr[-500:])
        if ok:
            probs = contract_problems(c)
            t.check(f"{seed.name}: valid contract JSON", not probs, "; ".join(probs[:5]))
            contracts[seed.name[:3]] = c

    # Seed 000: a radio page; the article must be kept whole and the page furniture removed.
    if "000" in contracts:
        seed = next(s for s in seeds if s.name.startswith("000"))
        lines = [l.strip() for l in seed.read_text(encoding="utf-8").splitlines() if l.strip()]
        end = next((i for i, l in enumerate(lines) if l.startswith("More from")), len(lines))
        story = [l for l in lines[1:end] if len(l.split()) >= 12]
        text = squash(contracts["000"]["documents"][0]["text"])
        missing = [l[:60] for l in story if squash(l) not in text]
        t.check("000: every story paragraph kept", story and not missing, f"missing: {missing}")
        for furniture in ("Coming Up", "6:00am", "10:00am - 1:00pm", "More from International", "On Dubai Eye"):
            t.check(f"000: furniture {furniture!r} removed from the article", furniture not in text)
        t.check("000: furniture kept aside", len(contracts["000"]["documents"][0].get("furniture", [])) >= 1)

    # Seed 002: an HTML fragment with six dated links.
    if "002" in contracts:
        doc = contracts["002"]["documents"][0]
        links = doc["links"]
        t.check("002: six links", len(links) == 6, f"({len(links)})")
        dated = [l for l in links if (l.get("preview") or {}).get("date")]
        t.check("002: every link has a date", len(dated) == len(links), f"({len(dated)}/{len(links)})")
        t.check("002: several paragraphs", doc["text"].count("\n\n") >= 3)
        names = {e["id"]: e["name"] for e in contracts["002"]["entities"]}
        for link in links:
            check_link_preview(t, link, names)

    if len(seeds) >= 2:
        proc, c = annotate(gloss, seeds)
        ok = t.check("both seeds as one workspace", c is not None and len(c["documents"]) == len(seeds), proc.stderr[-300:])
        if ok:
            probs = contract_problems(c)
            t.check("workspace: valid contract JSON", not probs, "; ".join(probs[:5]))

    # Issue 5: who is who, each seed alone and both together.
    workspaces = {k: v for k, v in contracts.items()}
    if len(seeds) >= 2:
        _, both = annotate(gloss, seeds)
        if both:
            workspaces["both"] = both
    for name, c in workspaces.items():
        check_resolution(t, name, c)

    # The recognizer's regression floor on CoNLL-2003 test.
    test = shared / "data" / "conll2003" / "test.txt"
    if test.exists():
        proc = subprocess.run([gloss, "eval", "--conll", str(test)], capture_output=True, text=True)
        print(proc.stdout.strip())
        m = re.search(r"overall.*?F1\s*[:=]?\s*([0-9.]+)", proc.stdout, re.I)
        f1 = float(m.group(1)) if m else 0.0
        if f1 > 1.0:
            f1 /= 100.0
        t.check(f"CoNLL-2003 test F1 {f1:.4f} >= {NER_F1_FLOOR}", proc.returncode == 0 and f1 >= NER_F1_FLOOR, proc.stderr[-300:])

    print(f"acceptance: {t.passed} passed, {t.failed} failed")
    sys.exit(1 if t.failed else 0)


if __name__ == "__main__":
    main()
