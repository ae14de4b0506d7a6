"""Word classes for the recognizer from word embeddings (build time only).

    python3 tools/ner/classes.py TOKENS.txt OUT.tsv [--vocab 100000] [--min-count 5] [--seed 1]
        [--workers 1]

TOKENS.txt is the unlabelled text as gloss tokenizes it (`gloss train tokens`), one paragraph
a line. Word embeddings (gensim word2vec, CBOW over a window of 2 words each side: a narrow
window groups words by the slots they fill, "Pirelli" with "Daewoo" and "Caterpillar", where
a wide one groups them by topic) of every form seen `--min-count` times or more (5), then
hierarchical spherical k-means, 16 ways at each of 3 levels, over the `--vocab` most frequent
forms: a 12-bit class id whose top 4 and 8 bits are the coarser classes, the layout `gloss train
--classes` reads (`word<TAB>class<TAB>count`, sorted by word; the count is the form's
frequency in TOKENS.txt).

Deterministic for a given input and seed with `--workers 1` (the default; more workers train
faster but interleave their updates differently from run to run). gensim seeds each word's
vector from Python's string hash, so the script runs itself with PYTHONHASHSEED=0.
"""
import argparse
import logging
import os
import sys

if os.environ.get("PYTHONHASHSEED") != "0":
    os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})

import numpy as np
from gensim.models import Word2Vec

BRANCH, LEVELS = 16, 3


def kmeans(vecs, k, iters, rng):
    """Spherical k-means (rows of `vecs` are unit length); cluster index of every row."""
    if len(vecs) <= k:
        return np.arange(len(vecs))
    # k-means++ seeding, then Lloyd iterations on cosine similarity.
    centres = [vecs[rng.integers(len(vecs))]]
    sim = vecs @ centres[0]  # each row's similarity to its nearest centre so far
    for _ in range(1, k):
        d = np.clip(1.0 - sim, 0, None) ** 2
        total = d.sum()
        centres.append(vecs[rng.choice(len(vecs), p=d / total if total > 0 else None)])
        sim = np.maximum(sim, vecs @ centres[-1])
    c = np.stack(centres)
    for _ in range(iters):
        assign = np.argmax(vecs @ c.T, axis=1)
        for j in range(k):
            members = vecs[assign == j]
            if len(members):
                m = members.sum(axis=0)
                c[j] = m / max(np.linalg.norm(m), 1e-9)
    return np.argmax(vecs @ c.T, axis=1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tokens")
    ap.add_argument("out")
    ap.add_argument("--vocab", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--window", type=int, default=2)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--sg", type=int, default=0, help="1: skip-gram instead of CBOW")
    ap.add_argument("--min-count", type=int, default=5,
                    help="rarest form given an embedding (and so a class)")
    a = ap.parse_args()
    logging.basicConfig(format="%(asctime)s %(message)s", level=logging.INFO)

    class Lines:
        def __iter__(self):
            with open(a.tokens, encoding="utf-8") as f:
                for line in f:
                    yield line.split()

    model = Word2Vec(Lines(), vector_size=a.dim, window=a.window, min_count=a.min_count, sg=a.sg,
                     negative=5, sample=1e-4, epochs=a.epochs, workers=a.workers, seed=a.seed)
    # gensim's vocabulary scan already counted every form (raw counts, before downsampling);
    # the forms under --min-count have no embedding and so no class.
    counts = {w: model.wv.get_vecattr(w, "count") for w in model.wv.index_to_key}
    vocab = sorted(counts, key=lambda w: (-counts[w], w))[: a.vocab]
    vecs = np.stack([model.wv[w] for w in vocab]).astype(np.float64)
    vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)

    rng = np.random.default_rng(a.seed)
    cls = np.zeros(len(vocab), dtype=np.int64)
    groups = [np.arange(len(vocab))]
    for level in range(LEVELS):
        nxt = []
        for g in groups:
            assign = kmeans(vecs[g], BRANCH, 12, rng)
            for j in range(BRANCH):
                part = g[assign == j]
                cls[part] |= j << (4 * (LEVELS - 1 - level))
                if len(part):
                    nxt.append(part)
        groups = nxt
        logging.info("level %d: %d groups", level + 1, len(groups))
    rows = sorted((w, int(c), counts[w]) for w, c in zip(vocab, cls) if "\t" not in w)
    with open(a.out, "w", encoding="utf-8") as f:
        for w, c, n in rows:
            f.write(f"{w}\t{c}\t{n}\n")
    print(f"wrote {a.out}: {len(rows)} words in {len(groups)} leaf classes")


if __name__ == "__main__":
    main()
