#!/usr/bin/env python3
"""Replays one scenario with `tradeflow replay` and compares the result with
its expected output (tests/replay/compare.py, race groups included).

    run_replay.py TRADEFLOW SCENARIO.json EXPECTED.json [--postgres]
                  [extra replay args]

With --postgres the replay runs on a fresh database created on the server
named by $TRADEFLOW_PG_ADMIN (libpq keywords, from scripts/pg-up) and
dropped afterwards.
"""
import json
import os
import subprocess
import sys
import tempfile
import uuid

here = os.path.dirname(os.path.abspath(__file__))
tradeflow, scenario, expected = sys.argv[1:4]
extra = sys.argv[4:]
database = None
if "--postgres" in extra:
    extra.remove("--postgres")
    admin = os.environ.get("TRADEFLOW_PG_ADMIN")
    if not admin:
        print("TRADEFLOW_PG_ADMIN is not set: start a server with "
              "scripts/pg-up (scripts/test does)")
        sys.exit(1)
    database = "tf_" + uuid.uuid4().hex[:12]
    subprocess.run(["psql", admin + " dbname=postgres", "-qc",
                    f"CREATE DATABASE {database}"], check=True)
    extra += ["--db", f"postgresql://{admin} dbname={database}"]
try:
    proc = subprocess.run([tradeflow, "replay", scenario, *extra],
                          capture_output=True, text=True, timeout=120)
finally:
    if database:
        subprocess.run(["psql", admin + " dbname=postgres", "-qc",
                        f"DROP DATABASE IF EXISTS {database}"], check=False)
with open(expected) as f:
    is_error = "exit_status" in json.load(f)
with tempfile.NamedTemporaryFile("w", suffix=".out", delete=False) as out:
    out.write(proc.stderr if is_error else proc.stdout)
args = [sys.executable, os.path.join(here, "compare.py"), expected, out.name]
if is_error:
    args += ["--actual-exit-status", str(proc.returncode)]
else:
    args += ["--check-race-groups"]
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-4000:])
        print(f"replay exited {proc.returncode}")
        sys.exit(1)
cmp = subprocess.run(args, capture_output=True, text=True)
sys.stdout.write(cmp.stdout)
sys.stderr.write(cmp.stderr)
os.unlink(out.name)
sys.exit(cmp.returncode)
