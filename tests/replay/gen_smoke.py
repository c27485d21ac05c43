#!/usr/bin/env python3
"""Smoke test of `tradeflow gen`: generates a small scenario, replays it on
a SQLite file and checks that every (expert, symbol) pair without a given
position was executed exactly once, the others never, and that no expert
ends with two WAITING/OPENED transactions on one symbol.

    gen_smoke.py TRADEFLOW
"""
import collections
import json
import os
import subprocess
import sys
import tempfile

tradeflow = sys.argv[1]
experts, recs, dup = 20, 5, 0.2


def fail(msg):
    print(f"gen_smoke: {msg}")
    sys.exit(1)


with tempfile.TemporaryDirectory() as tmp:
    scenario = os.path.join(tmp, "gen.json")
    subprocess.run([tradeflow, "gen", "--experts", str(experts),
                    "--recs-per-expert", str(recs), "--dup-ratio", str(dup),
                    "--concurrency", "3", "--seed", "11", "--out", scenario],
                   check=True, timeout=60)
    bad = subprocess.run([tradeflow, "gen", "--experts", "0",
                          "--recs-per-expert", "1"],
                         capture_output=True, text=True, timeout=60)
    if bad.returncode != 2 or "--experts" not in bad.stderr:
        fail(f"--experts 0: exit {bad.returncode}, stderr {bad.stderr!r}")
    db = "sqlite3://db=" + os.path.join(tmp, "smoke.db")
    proc = subprocess.run([tradeflow, "replay", scenario, "--db", db,
                           "--log-level", "err"],
                          capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-4000:])
        fail(f"replay exited {proc.returncode}")
    out = json.loads(proc.stdout)
    with open(scenario) as f:
        given = {(t["expert_id"], t["symbol"])
                 for t in json.load(f)["transactions"]}

live = collections.Counter(
    (t["expert_id"], t["symbol"]) for t in out["transactions"]
    if t["status"] in ("WAITING", "OPENED"))
dups = [k for k, n in live.items() if n > 1]
if dups:
    fail(f"duplicate live transactions: {dups[:5]}")
executed = collections.Counter(
    x["recommendation_id"] for r in out["runs"] for x in r["outcomes"]
    if x["outcome"] == "executed")
if any(n != 1 for n in executed.values()):
    fail("a recommendation was executed twice")
expected = experts * recs - len(given)
if len(executed) != expected:
    fail(f"{len(executed)} recommendations executed, expected {expected}")
if len(out["runs"]) != experts * 3:
    fail(f"{len(out['runs'])} runs, expected {experts * 3}")
print(f"gen_smoke: {len(out['runs'])} runs, {len(executed)} executed, "
      f"{len(given)} given positions, 0 duplicates")
