"""How a build tells a person what it is doing.

A build says one line per step (``say``) and counts the long per-document
step (``count``).  On a terminal the count is a live bar with the rate and
the time left (tqdm); in CI logs, in pipes and under ``-q`` there is no bar,
so logs stay a handful of lines.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, ContextManager, Iterator, TextIO

from tqdm import tqdm

SayFn = Callable[[str], None]
# count(description, total) opens a counted step; the yielded function takes
# how many more items are done.
CountFn = Callable[[str, int], ContextManager[Callable[[int], None]]]


def _nothing(_message: str) -> None:
    return None


@contextmanager
def _no_count(_description: str, _total: int) -> Iterator[Callable[[int], None]]:
    yield lambda _n: None


@dataclass(frozen=True)
class Progress:
    say: SayFn = _nothing
    count: CountFn = _no_count


SILENT = Progress()


def wants_bar(stream: TextIO, environ: dict[str, str] | os._Environ = os.environ) -> bool:
    """A live bar only where a person watches: a terminal, not CI, not a dumb one."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not environ.get("CI") and environ.get("TERM") != "dumb"


def _bar_count(stream: TextIO) -> CountFn:
    @contextmanager
    def count(description: str, total: int) -> Iterator[Callable[[int], None]]:
        with tqdm(total=total, desc=f"  {description}", unit="doc", file=stream,
                  leave=False, dynamic_ncols=True, mininterval=0.5) as bar:
            yield bar.update
    return count


def for_stream(stream: TextIO | None = None, *, quiet: bool = False,
               say: SayFn | None = None, environ=os.environ) -> Progress:
    """Progress for the command line (``say`` defaults to lines on ``stream``),
    or for the MkDocs plugin (``say`` is its logger)."""
    stream = stream if stream is not None else sys.stderr
    if quiet:
        return SILENT
    bar = wants_bar(stream, environ)
    if say is None:
        def say(message: str) -> None:
            # tqdm.write keeps an open bar below the line instead of breaking it
            (tqdm.write if bar else print)(f"  {message}", file=stream)
    return Progress(say=say, count=_bar_count(stream) if bar else _no_count)
