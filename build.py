#!/usr/bin/env python3
"""Entry point: `python build.py check|build|serve|synth|new ...` (see `python build.py --help`)."""

import os

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from tracker.cli import main  # the environment must be set before mkdocs is imported

if __name__ == "__main__":
    main(prog_name="build.py")
