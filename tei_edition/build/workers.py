"""Worker processes for a build's stages: one job applied to many items, in parallel, with
the results in the items' order.

``-j N`` starts N processes by *spawn* (a fresh interpreter each, never a fork of one that
holds a Saxon processor or threads): each compiles its own stylesheets and schemas once and
keeps them for every item it is given. ``-j 1`` runs the job in this process, item by item.
The results are the same either way, in the same order: a job is a function of its item
alone, and is handed its items in chunks, so that a worker's start-up is paid once per
chunk, not once per document.

A job must be a module-level function (spawned workers import it by name) that reports a
bad input in its result rather than raising: :class:`~tei_edition.errors.TeiEditionError`
is caught in the worker and returned as its diagnostic.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Items per chunk handed to a worker: large enough that sending them costs little, small
#: enough that the workers finish together (a stage of 10,000 documents on 2 workers is
#: 200 chunks).
CHUNK = 25


def default_jobs() -> int:
    """All the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def run(job: Callable[[T], R], items: Sequence[T], jobs: int,
        done: Callable[[int], None] | None = None, chunk: int = CHUNK) -> list[R]:
    """``job`` applied to each item, by up to ``jobs`` processes (one per ``chunk`` items
    at most; 1: this process); the results in the items' order. ``done(n)`` is called as
    results come in, with how many are in."""
    return list(run_iter(job, items, jobs, done, chunk))


def run_iter(job: Callable[[T], R], items: Sequence[T], jobs: int,
             done: Callable[[int], None] | None = None, chunk: int = CHUNK) -> Iterator[R]:
    """:func:`run` as the results come in, so that the caller keeps none it has used (the
    page stage writes each file's outputs and keeps its summary only)."""
    for n, result in enumerate(_results(job, items, jobs, chunk), 1):
        if done is not None:
            done(n)
        yield result


def _results(job: Callable[[T], R], items: Sequence[T], jobs: int, chunk: int
             ) -> Iterator[R]:
    workers = min(jobs, -(-len(items) // chunk))
    if workers <= 1:
        yield from map(job, items)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(job, items, chunksize=chunk)
