#!/usr/bin/env python3
"""How fast the Python binding recommends penalties.  Not a test.

    PYTHONPATH=build/bindings/python /usr/bin/python3 bindings/python/bench/bench_recommend.py
    (or: ninja -C build bench-python)

Works on the bundled rules/tianjin and the sample cases of examples/cases
(as JSON, built here from dicts, so the batch can use them as JSON Lines).
Prints calls per second, each the median of --runs runs:

  recommend -> dict      rules.recommend(text): parse, recommend, JSON, json.loads
  recommend, no trace    the same with trace=False
  native JSON            the binding without json.loads (what the C call costs
                         plus the crossing), trace on and off
  Case object, no trace  rules.recommendation(case) on a pre-parsed Case, and
                         one attribute read
  batch                  rules.recommend_batch(jsonl): records as JSON Lines
                         text, 1 thread and one per processor; then bytes in
                         and out (nothing decoded)
  2 Python threads       recommend() from two threads at once (GIL released)
"""

import argparse
import json
import os
import pathlib
import statistics
import sys
import threading
import time

import enforce

SOURCE_DIR = pathlib.Path(os.environ.get("ENFORCE_SOURCE_DIR",
                                         pathlib.Path(__file__).resolve().parents[3]))

REVIEW = {"complex": False, "serious": False, "major_public_interest": False,
          "hearing_held": False, "other_required": False}
CIRCUMSTANCES = {"minor": False, "corrected": True, "harm": "none",
                 "first_violation": True, "no_fault": False}

# The sample cases of examples/cases, as dicts (JSON has no comments).
CASES = [
    {"id": "2024-XB-0101", "power": "120106ZQBCF01003",
     "party": {"class": "individual", "birth_date": "1985-04-12", "capacity": "full"},
     "facts": {"mars_cityscape": True},
     "circumstances": dict(CIRCUMSTANCES, corrected=False),
     "correction": {"ordered": "2024-05-10", "deadline": "2024-05-10", "outcome": "refused"},
     "dates": {"act": "2024-05-10", "discovered": "2024-05-10", "filed": "2024-05-11",
               "notified": "2024-05-20", "decided": "2024-05-31", "received": "2024-06-03"},
     "review": REVIEW},
    {"id": "2024-XB-0102", "benchmark": "tj.civility.63.spitting",
     "party": {"class": "individual", "birth_date": "2008-03-01", "capacity": "full"},
     "circumstances": CIRCUMSTANCES,
     "dates": {"act": "2024-06-02", "discovered": "2024-06-02", "filed": "2024-06-02"},
     "review": REVIEW},
    {"id": "2024-XB-0104", "benchmark": "tj.fire.60.fire-lane",
     "party": {"class": "organization"},
     "circumstances": CIRCUMSTANCES,
     "dates": {"act": "2024-03-18", "discovered": "2024-03-18", "filed": "2024-03-19",
               "notified": "2024-04-08", "decided": "2024-04-22", "received": "2024-04-23"},
     "review": REVIEW},
]


def rate(fn, n, runs):
    """Median calls per second of fn() over runs runs of n calls."""
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(n):
            fn()
        rates.append(n / (time.perf_counter() - start))
    return statistics.median(rates)


def batch_rate(rules, jsonl, cases, threads, runs):
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        out = rules.recommend_batch(jsonl, threads=threads)
        rates.append(cases / (time.perf_counter() - start))
    newline = b"\n" if isinstance(out, bytes) else "\n"
    assert out.count(newline) == cases
    return statistics.median(rates)


def threaded_rate(rules, texts, n, runs, n_threads=2):
    rates = []
    for _ in range(runs):
        def work():
            for i in range(n):
                rules.recommend(texts[i % len(texts)], trace=False)
        threads = [threading.Thread(target=work) for _ in range(n_threads)]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        rates.append(n * n_threads / (time.perf_counter() - start))
    return statistics.median(rates)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=20000)
    parser.add_argument("--batch", type=int, default=60000, help="cases per batch")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    texts = [json.dumps(case, ensure_ascii=False) for case in CASES]
    jsonl = "\n".join(texts[i % len(texts)] for i in range(args.batch)) + "\n"
    n, runs = args.calls, args.runs
    rows = []
    with enforce.RuleSet.load(SOURCE_DIR / "rules" / "tianjin") as rules:
        case = enforce.Case.parse(CASES[0])
        native = rules._native
        i = iter(range(1 << 62))

        def pick():
            return texts[next(i) % len(texts)]

        rows.append(("recommend -> dict, trace", rate(lambda: rules.recommend(pick()), n, runs)))
        rows.append(("recommend -> dict, no trace",
                     rate(lambda: rules.recommend(pick(), trace=False), n, runs)))
        rows.append(("native JSON str, trace",
                     rate(lambda: native.recommend_json(pick(), None, True, None), n, runs)))
        rows.append(("native JSON str, no trace",
                     rate(lambda: native.recommend_json(pick(), None, False, None), n, runs)))
        rows.append(("Case object, no trace",
                     rate(lambda: rules.recommendation(case, trace=False).amount, n, runs)))
        rows.append(("batch JSONL, 1 thread", batch_rate(rules, jsonl, args.batch, 1, runs)))
        rows.append((f"batch JSONL, {os.cpu_count()} threads",
                     batch_rate(rules, jsonl, args.batch, 0, runs)))
        data = jsonl.encode()
        rows.append(("batch bytes, 1 thread", batch_rate(rules, data, args.batch, 1, runs)))
        rows.append((f"batch bytes, {os.cpu_count()} threads",
                     batch_rate(rules, data, args.batch, 0, runs)))
        rows.append(("2 Python threads, no trace", threaded_rate(rules, texts, n // 2, runs)))

    print(f"enforce {enforce.__version__}, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} processors, median of {runs} runs")
    for name, value in rows:
        print(f"  {name:32s} {value:12,.0f} /s")


if __name__ == "__main__":
    main()
