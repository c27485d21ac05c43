#!/usr/bin/env python3
"""One node versus three worker nodes, SQLite versus PostgreSQL: the same
generated scenario replayed in-process (SQLite file, PostgreSQL) and through
a cluster on loopback (coordinator + 1 and + 3 worker nodes, PostgreSQL).

    cluster_bench.py TRADEFLOW --json OUT.json --md OUT.md
                     [--experts N] [--recs M] [--reps R]

Needs $TRADEFLOW_PG_ADMIN (scripts/pg-up). Every configuration runs R times,
interleaved (config A, B, C, D, then again) so that machine noise hits them
alike; the figure is the median of the replay's own elapsed_ms (steps and
final refresh, not process start-up). Every node shares this machine's two
cores, so more nodes add coordination, not CPU.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "cluster"))
from cluster_support import Cluster, Database, run  # noqa: E402


def elapsed(out):
    doc = json.loads(out)
    live = {}
    for t in doc["transactions"]:
        if t["status"] in ("WAITING", "OPENED"):
            key = (t["expert_id"], t["symbol"])
            live[key] = live.get(key, 0) + 1
    if any(n > 1 for n in live.values()):
        raise SystemExit("duplicate open position in a benchmark run")
    return doc["stats"]["elapsed_ms"], doc["stats"]["runs"]


def in_process(tf, scenario, db_url):
    proc = run([tf, "replay", scenario, "--db", db_url], check=True,
               timeout=900)
    return elapsed(proc.stdout)


def clustered(tf, scenario, workers, work):
    with Database() as db, Cluster(tf, db.url, work, f"bench{workers}",
                                   workers=workers) as c:
        proc = run([tf, "replay", scenario, "--join", c.endpoint],
                   check=True, timeout=900)
        return elapsed(proc.stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tradeflow")
    ap.add_argument("--experts", type=int, default=200)
    ap.add_argument("--recs", type=int, default=10)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--json", required=True)
    ap.add_argument("--md", required=True)
    a = ap.parse_args()
    tf = a.tradeflow
    with tempfile.TemporaryDirectory(prefix="tradeflow-cbench-") as work:
        scenario = os.path.join(work, "s.json")
        run([tf, "gen", "--experts", str(a.experts), "--recs-per-expert",
             str(a.recs), "--dup-ratio", "0.2", "--concurrency", "3",
             "--seed", "1", "--out", scenario], check=True)
        configs = {
            "1 node, SQLite file": lambda i: in_process(
                tf, scenario, f"sqlite3://db={work}/r{i}.db"),
            "1 node, PostgreSQL": lambda i: _pg(tf, scenario),
            "coordinator + 1 worker node, PostgreSQL": lambda i: clustered(
                tf, scenario, 1, work),
            "coordinator + 3 worker nodes, PostgreSQL": lambda i: clustered(
                tf, scenario, 3, work),
        }
        samples = {k: [] for k in configs}
        runs = 0
        for i in range(a.reps):
            for name, fn in configs.items():
                ms, runs = fn(i)
                samples[name].append(ms)
                print(f"cluster bench: {name} rep {i}: {ms:.0f} ms",
                      file=sys.stderr)
    base = statistics.median(samples["1 node, SQLite file"])
    rows = []
    for name, xs in samples.items():
        med = statistics.median(xs)
        rows.append({"config": name, "median_ms": round(med, 1),
                     "samples_ms": [round(x, 1) for x in xs],
                     "recs_per_s": round(a.experts * a.recs / med * 1000),
                     "ratio_to_sqlite_one_node": round(med / base, 2)})
    doc = {"scenario": {"experts": a.experts, "recs_per_expert": a.recs,
                        "dup_ratio": 0.2, "concurrency": 3, "runs": runs},
           "reps": a.reps, "nproc": os.cpu_count(), "rows": rows,
           "note": "every node shares this machine's cores"}
    with open(a.json, "w") as f:
        json.dump(doc, f, indent=2)
    lines = [f"Generated scenario: {a.experts} experts x {a.recs} "
             f"recommendations, dup 0.2, concurrency 3 ({runs} runs); "
             f"median of {a.reps}, interleaved; {os.cpu_count()} cores "
             "shared by every node.", "",
             "| configuration | median | recs/s | vs 1 node SQLite |",
             "|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['config']} | {r['median_ms']:,.0f} ms | "
                     f"{r['recs_per_s']:,} | {r['ratio_to_sqlite_one_node']}x |")
    with open(a.md, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


def _pg(tf, scenario):
    with Database() as db:
        return in_process(tf, scenario, db.url)


if __name__ == "__main__":
    main()
