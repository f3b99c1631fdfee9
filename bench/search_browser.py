"""The site's index and search at scale, in Chromium: how long a search takes to show its
first results, and how much index.html loads before the first search.

Generates entries directly (invented but varied titles, dates, names and a few hundred words
of terms each, seeded, so runs are comparable), runs tei_edition.site_index.index_files
(timed), writes the files with a stub page for each document, then opens index.html from
file:// in Debian's Chromium and types words into the search box. Not a test: figures.

    python bench/search_browser.py [--docs 10000 100000] [--seed 1]

Targets (issue 15): first results within 300 ms of typing; index.html and what it loads
before the first search at most 1.5 MB, at 100,000 documents.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tei_edition.build.pages import Entry  # noqa: E402 (what the build gives index_files)
from tei_edition.edition import Edition  # noqa: E402
from tei_edition.metadata import Metadata  # noqa: E402
from tei_edition.resources import assets_dir  # noqa: E402
from tei_edition.site_index import index_files  # noqa: E402

SYLLABLES = ("ka ro mi ten sa lu vor an del is ur pe gra mon tal bes ri cho zan el "
             "ost fen ul dro ni qua ber sel tor ha im").split()
TYPES = ("cable", "letter", "memorandum", "telegram", "note", "record-of-conversation",
         "report", "minutes")
LANGS = ("English", "French", "German", "Russian", "Chinese", "Spanish")


def vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))))
    ranked = sorted(words)
    rng.shuffle(ranked)  # the rank of a word (its frequency) has nothing to do with its letters
    return ranked


def generate(count: int, seed: int) -> tuple[list[Entry], list[dict[str, int]]]:
    """Entries and their terms: a Zipf-like vocabulary of 60,000 words, 200-500 words a
    document, 3,000 people and 400 archives."""
    rng = random.Random(seed)
    vocab = vocabulary(rng, 60_000)
    cum = list(itertools.accumulate(1 / (r + 1) for r in range(len(vocab))))
    people = [f"{rng.choice(vocab).title()} {rng.choice(vocab).title()}" for _ in range(3000)]
    archives = [f"{rng.choice(vocab).title()} Archive" for _ in range(400)]
    entries, terms = [], []
    for n in range(count):
        year = rng.randint(1940, 1990)
        when = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" \
            if rng.random() > 0.02 else None
        words = rng.choices(vocab, cum_weights=cum, k=rng.randint(200, 500))
        title = " ".join(rng.choices(vocab[:5000], cum_weights=cum[:5000],
                                     k=rng.randint(3, 9))).capitalize()
        senders = tuple(rng.sample(people, rng.choice((1, 1, 1, 2))))
        recipients = tuple(rng.sample(people, 1))
        meta = Metadata(id=f"doc-{n:06d}", name=f"doc-{n:06d}", title=title, when=when,
                        date_text=when or "", type=rng.choice(TYPES), senders=senders,
                        recipients=recipients, repository="", signature="",
                        archive=rng.choice(archives), language="en",
                        languages=(rng.choice(LANGS),) if rng.random() < 0.3 else (),
                        summary=" ".join(rng.choices(vocab, cum_weights=cum,
                                                     k=25)).capitalize() + ".",
                        translators=())
        ident = meta.id
        entries.append(Entry(ident, f"documents/{ident}.html", meta, f"tei/{ident}.zip",
                             f"source/{ident}.html"))
        counts: dict[str, int] = {}
        for w in (*words, *title.lower().split()):
            counts[w] = counts.get(w, 0) + 1
        terms.append(counts)
    return entries, terms


STUB = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>{t}</title></head>"
        "<body><h1>{t}</h1></body></html>")


def write_site(out: Path, files: dict[str, bytes], entries: list[Entry]) -> None:
    for name, data in files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for path in assets_dir().rglob("*"):
        if path.is_file():
            target = out / "assets" / path.relative_to(assets_dir())
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    (out / "documents").mkdir(exist_ok=True)
    for entry in entries[:200]:  # a few pages, for the result a search opens
        (out / entry.page).write_text(STUB.format(t=entry.id), encoding="utf-8")


#: Types a query into the search box and resolves, in the page, with the milliseconds until
#: the results of that query are shown (index.js counts its updates in data-updates).
TYPE_AND_WAIT = """q => new Promise(resolve => {
  const form = document.querySelector('form.search');
  const list = document.querySelector('ol.results-list');
  const n = Number(form.getAttribute('data-updates') || 0);
  const box = document.getElementById('te-search');
  let t0 = 0;
  const seen = new MutationObserver(() => {
    if (Number(form.getAttribute('data-updates')) > n && list.getAttribute('data-query') === q) {
      seen.disconnect();
      resolve([performance.now() - t0, list.children.length]);
    }
  });
  seen.observe(form, {attributes: true});
  t0 = performance.now();
  box.value = q;
  box.dispatchEvent(new Event('input', {bubbles: true}));
})"""

#: The files the page has loaded so far: index.html and every script and stylesheet (file://
#: loads are not in the page's resource timing).
LOADED = """() => [location.href, ...[...document.querySelectorAll('script[src]')].map(s => s.src),
                   ...[...document.querySelectorAll('link[href]')].map(l => l.href)]"""


def _bytes(site: Path, urls: list[str]) -> int:
    from urllib.parse import unquote, urlsplit

    return sum(Path(unquote(urlsplit(u).path)).stat().st_size for u in set(urls))


def measure_browser(site: Path, queries: list[str]) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        t = time.perf_counter()
        page.goto((site / "index.html").as_uri())
        page.wait_for_function("() => Number(document.querySelector('form.search')"
                               ".getAttribute('data-updates') || 0) > 0", timeout=60_000)
        ready = time.perf_counter() - t
        before = page.evaluate(LOADED)
        times, shown = [], []
        shards = []
        count_shards = "() => document.querySelectorAll('script[src*=\"search/t-\"]').length"
        for q in queries:
            ms, n = page.evaluate(TYPE_AND_WAIT, q)
            times.append(ms)
            shown.append(n)
            shards.append(page.evaluate(count_shards))
        after = page.evaluate(LOADED)
        count = page.locator(".result-count").inner_text()
        browser.close()
    return {"ready_s": ready, "before": _bytes(site, before), "files_before": len(before),
            "times_ms": times, "shown": shown, "shards": shards, "last_count": count,
            "errors": errors,
            "after": _bytes(site, after) - _bytes(site, before)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for count in args.docs:
        t = time.perf_counter()
        entries, terms = generate(count, args.seed)
        made = time.perf_counter() - t
        t = time.perf_counter()
        files = index_files(entries, terms, Edition(title="Bench Edition"))
        took = time.perf_counter() - t
        total = sum(len(d) for d in files.values())
        print(f"{count} entries: generated in {made:.1f} s; index_files {took:.2f} s, "
              f"{len(files)} files, {total / 1e6:.1f} MB")
        with tempfile.TemporaryDirectory() as tmp:
            site = Path(tmp)
            write_site(site, files, entries)
            rng = random.Random(args.seed)
            queries = [rng.choice(entries).title.split()[0].lower()[:5] for _ in range(6)]
            queries += [" ".join(rng.choice(entries).title.lower().split()[:2])
                        for _ in range(3)]
            result = measure_browser(site, queries)
        times = result["times_ms"]
        print(f"  index.html ready in {result['ready_s']:.2f} s; before the first search: "
              f"{result['before'] / 1e6:.2f} MB in {result['files_before']} files")
        print("  first results (ms, results shown, term shards loaded so far): " + ", ".join(
            f"{q!r} {t:.0f} ({n}, {s})" for q, t, n, s in zip(
                queries, times, result["shown"], result["shards"],  # type: ignore[call-overload]
                strict=True)))
        print(f"  worst {max(times):.0f} ms; loaded by the searches "  # type: ignore[type-var]
              f"{result['after'] / 1e6:.1f} MB; console errors: {result['errors']}")


if __name__ == "__main__":
    main()
