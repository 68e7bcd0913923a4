"""The results of a comparison run: one JSON file of raw figures, written by the measuring side after every phase
and read by the report (harness/report.py), which needs nothing else.

Top-level keys: "format" (1); "args" (every knob of the run, as harness/measure.py parsed it); "env" (the other
environment variables that shaped it, report.ENV_KNOBS); "started" and "finished" (UTC, ISO 8601); "load_end" (the
load average when the last phase ended); "machine", "commit", "short", "timings"; then one key per phase that ran:
"idle" (with "baddon_instants", "baddon_future", "instants", and "breakdown", "idle_threads" from the memory phase),
"scale" (by task count), "burst", "reload", "variants" (the idle-memory mode's Markdown); and "headline", the
headline rows the report rendered from it.
"""
import argparse
import datetime as dt
import json

FORMAT = 1


def dumps(results, headline=None):
    """JSON text of `results` (args as a Namespace, started and finished as datetimes)."""
    d = dict(results)
    d["format"] = FORMAT
    d["args"] = {k: (sorted(v) if isinstance(v, set) else v) for k, v in vars(results["args"]).items()}
    for key in ("started", "finished"):
        d[key] = results[key].isoformat()
    if headline is not None:
        d["headline"] = headline
    return json.dumps(d, default=str, indent=1)


def loads(text):
    """The results as the report reads them: args as a Namespace, datetimes, integer task counts as keys."""
    d = json.loads(text)
    if d.get("format") != FORMAT or "args" not in d:
        raise ValueError("not the results of a benchmarks/compare run (format 1): no \"format\" or \"args\"")
    d["args"] = argparse.Namespace(**d["args"])
    for key in ("started", "finished"):
        d[key] = dt.datetime.fromisoformat(d[key])
    for key in ("scale", "scale_configs"):
        if key in d:
            d[key] = {int(k): v for k, v in d[key].items()}
    return d


def load_results(path):
    with open(path) as f:
        return loads(f.read())
