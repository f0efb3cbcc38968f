#!/usr/bin/env python
"""Django's usual entry point; ``saferhub`` (saferhub/cli.py) is the same with a friendlier name."""

from saferhub.cli import main

if __name__ == "__main__":
    main()
