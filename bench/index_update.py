"""What an update of the index costs beside making it again (tei_edition/site_index.py
update_files and index_parts), without a build: seeded synthetic documents (bench/
search_browser.py's), one of them changed in place (its text; its summary), timed in this
process, and the updated files checked against a full recompute, byte for byte.

    python bench/index_update.py [--docs 1000 10000] [--seed 1]

The cache reads of a build's update (tei_edition/build/index_state.py) are not in these
figures; bench/build_incremental.py times whole builds.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from search_browser import generate  # noqa: E402

from tei_edition.edition import Edition  # noqa: E402
from tei_edition.site_index import (  # noqa: E402
    Change,
    Layout,
    index_parts,
    numbered,
    posting_changes,
    shard_path,
    term_group,
    update_files,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    edition = Edition(title="Bench Edition")
    for count in args.docs:
        entries, terms = generate(count, args.seed)
        clock = time.perf_counter()
        before, postings, shards, small = index_parts(entries, terms, edition)
        full = time.perf_counter() - clock
        order, ordered, years = numbered(entries)
        i = order[count // 2]
        kinds = {
            "text": (entries[i], {**terms[i], "zzzq": 2, next(iter(terms[i])): 9}),
            "summary": (replace(entries[i], meta=replace(entries[i].meta,
                                                         summary="Another summary.")),
                        {**terms[i], "another": 1}),
        }
        print(f"{count} documents: index_parts {full:.2f} s, {len(before)} files")
        for kind, (entry, new_terms) in kinds.items():
            change = Change(count // 2, entries[i], entry, terms[i], new_terms)
            deltas = posting_changes([change], Layout())
            groups = {g: {t: list(ps) for t, ps in postings.items()
                          if term_group(t, Layout()) == g} for g in deltas}
            now = [*entries[:i], entry, *entries[i + 1:]]
            _, ordered_now, _ = numbered(now)
            clock = time.perf_counter()
            files, keys, _ = update_files(ordered_now, years, [change], deltas, groups,
                                          list(shards), edition, small=small)
            took = time.perf_counter() - clock
            want = index_parts(now, [*terms[:i], new_terms, *terms[i + 1:]], edition)[0]
            tree = {**before, **files}
            for key in set(shards) - set(keys):
                del tree[shard_path(key)]
            same = tree == want
            print(f"  one changed ({kind}): update_files {took:.3f} s, {len(files)} files "
                  f"made, the same bytes as a full recompute: {same}")
            if not same:
                sys.exit(1)


if __name__ == "__main__":
    main()
