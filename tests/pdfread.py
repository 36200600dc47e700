"""Read a PDF in a forked child process and bring back only the result.

A pdfplumber reading of a 30-page handbook allocates a few hundred MB of short-lived objects. Read in
the test process, the readings the helpers cache stay scattered among them and pin that memory: the
suite grew to about 15 GB. A child's heap goes away with it; only the compact result is copied back."""
from __future__ import annotations

import multiprocessing


def in_child(function, *args):
    """`function(*args)` run in a forked child where the platform forks safely, else here."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return function(*args)
    with multiprocessing.get_context("fork").Pool(1) as pool:
        return pool.apply(function, args)
