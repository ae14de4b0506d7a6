#!/usr/bin/env python3
"""Write the benchmark's texts: a few hundred KB of news and one article of about 800 words.

usage: bench_text.py OUTDIR SHARED_DIR GLOSS_BIN
Real news is taken from SHARED_DIR/data/raw_news/bbc2005.txt.gz when it is there (whole
articles, in file order); otherwise the text is the one `gloss bench --print-text` generates.
The texts are written under OUTDIR (never into the project) as text.txt and article.txt, and
the source used is printed on one line.
"""
import gzip
import pathlib
import subprocess
import sys

TEXT_BYTES = 400_000
ARTICLE_WORDS = 800


def news_articles(shared):
    path = pathlib.Path(shared, "data", "raw_news", "bbc2005.txt.gz")
    if not path.is_file():
        return None
    with gzip.open(path, "rt", encoding="utf-8") as f:
        data = f.read()
    return [a.strip() for a in data.split("\n\n") if a.strip()]


def first_words(paragraphs, n):
    """Whole paragraphs until at least `n` whitespace words, the last one cut at word `n`."""
    out, count = [], 0
    for p in paragraphs:
        words = p.split()
        if count + len(words) >= n:
            out.append(" ".join(words[: n - count]))
            return out
        out.append(p)
        count += len(words)
    return out


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    outdir, shared, gloss = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    outdir.mkdir(parents=True, exist_ok=True)
    articles = news_articles(shared)
    if articles:
        source = "BBC News 2004-2005 (raw_news/bbc2005.txt.gz)"
        chosen, size = [], 0
        for a in articles:
            if size >= TEXT_BYTES:
                break
            chosen.append(a)
            size += len(a.encode("utf-8")) + 2
        text = "\n\n".join(chosen) + "\n"
        # The article: the first one long enough, else several joined as one piece.
        long = next((a for a in articles if len(a.split()) >= ARTICLE_WORDS), None)
        paras = long.split("\n") if long else [p for a in articles for p in a.split("\n")]
    else:
        source = "generated (gloss bench --print-text)"
        text = subprocess.run([gloss, "bench", "--print-text"], check=True,
                              capture_output=True, text=True).stdout
        paras = [p for p in text.split("\n") if p.strip()]
    article = "\n\n".join(first_words(paras, ARTICLE_WORDS)) + "\n"
    (outdir / "text.txt").write_text(text, encoding="utf-8")
    (outdir / "article.txt").write_text(article, encoding="utf-8")
    print(f"bench text: {source}; {len(text.encode('utf-8')):,} bytes, "
          f"{len(text.split()):,} words; article {len(article.split())} words")


if __name__ == "__main__":
    main()
