"""`python -m handbook` with ReportLab's own line breaker instead of ours: the benchmark's `breaker` case.

Issue 17 allows the total-fit breaker at most 10 % more time than ReportLab's breaker on the default
edition; this is that build with `flowables.Paragraph` handing every paragraph to ReportLab.
"""
from __future__ import annotations

import sys
from pathlib import Path

try:
    from handbook.layout import flowables
except ImportError:  # run from a checkout that is not installed
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from handbook.layout import flowables
from handbook.commands.cli import main

flowables.Paragraph._own_breaker = lambda self: False

if __name__ == "__main__":
    main()
