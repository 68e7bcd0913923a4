"""What every part of the comparison shares: UTC, the progress log, knobs from the environment."""
import datetime as dt
import os
import sys

UTC = dt.timezone.utc


def log(*parts):
    print("compare:", *parts, file=sys.stderr, flush=True)


def env_default(name, default, kind=str):
    value = os.environ.get(name)
    return kind(value) if value not in (None, "") else default

