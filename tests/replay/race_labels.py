#!/usr/bin/env python3
"""Race-group names are unique per group: two runs of one lock key started
together before a drain and two more at the same at_ms after it are two
groups with two names (docs/scenario-format.md "Race groups").

    race_labels.py TRADEFLOW
"""
import collections
import json
import os
import subprocess
import sys
import tempfile

RUN = {"at_ms": 0, "run": {"expert_id": 1, "use_case": "enter_market"}}
SCENARIO = {
    "name": "race-labels",
    "now": "2026-01-05T15:00:00Z",
    "account": {"balance": 100000},
    "prices": {"AAPL": 100},
    "rulesets": [],
    "experts": [{"id": 1}],
    "transactions": [],
    "recommendations": [],
    "steps": [RUN, RUN, {"drain": True}, RUN, RUN],
}


def main():
    tf = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "race.json")
        with open(path, "w") as f:
            json.dump(SCENARIO, f)
        proc = subprocess.run(
            [tf, "replay", path, "--db",
             "sqlite3://db=" + os.path.join(tmp, "r.db"), "--log-level", "err"],
            capture_output=True, text=True, timeout=60)
        if proc.returncode != 0:
            sys.exit(f"replay exited {proc.returncode}: {proc.stderr[-500:]}")
        runs = json.loads(proc.stdout)["runs"]
    groups = collections.defaultdict(list)
    for r in runs:
        groups[r.get("race_group")].append(r["step"])
    expected = {
        "at_ms 0: expert_1_usecase_enter_market": [0, 1],
        "at_ms 0 after drain 1: expert_1_usecase_enter_market": [3, 4],
    }
    got = {k: sorted(v) for k, v in groups.items()}
    if got != expected:
        sys.exit(f"race groups {got}, expected {expected}")
    if not all(r.get("timing_dependent") for r in runs):
        sys.exit(f"runs not marked timing_dependent: {runs}")
    print("ok race labels: two groups, two names")


if __name__ == "__main__":
    main()
