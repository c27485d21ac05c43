#!/usr/bin/env python3
"""What only the real binary shows about flags, engine.ini, log settings and
database URLs: the exit code (2 for bad input), a message naming the
problem, and that nothing was written before the check refused the input
(no database file, no log directory). Every process runs under a timeout.

    cli_checks.py TRADEFLOW SCENARIO
"""
import os
import re
import socket
import subprocess
import sys
import tempfile

tradeflow, scenario = sys.argv[1], os.path.abspath(sys.argv[2])
failures = []


def run(args, cwd, timeout=30):
    p = subprocess.run([tradeflow] + args, cwd=cwd, capture_output=True,
                       timeout=timeout)
    return p.returncode, p.stderr.decode("utf-8", "replace")


def expect(args, cwd, code, text=None, absent=()):
    rc, err = run(args, cwd)
    label = " ".join(repr(a) if a == "" or " " in a else a for a in args)
    if rc != code:
        failures.append(f"{label}: exit {rc}, expected {code}: {err[-300:]}")
    elif text and text not in err:
        failures.append(f"{label}: stderr lacks {text!r}: {err[-300:]}")
    for path in absent:
        if os.path.exists(os.path.join(cwd, path)):
            failures.append(f"{label}: {path} was created")


def ini(cwd, name, text):
    with open(os.path.join(cwd, name), "w") as f:
        f.write(text)
    return name


with tempfile.TemporaryDirectory() as tmp:
    # --version: the project's VERSION, exit 0, with no command.
    p = subprocess.run([tradeflow, "--version"], capture_output=True)
    out = p.stdout.decode()
    if p.returncode != 0 or not re.fullmatch(r"tradeflow \d+\.\d+\.\d+\n",
                                             out):
        failures.append(f"--version: exit {p.returncode}, printed {out!r}")
    replay = ["replay", scenario]
    # Scheduler bounds: checked before the database is opened.
    for n in ("0", "100000", "-1", '"two"'):
        cfg = ini(tmp, "threads.ini", f"[scheduler]\nmax-threads={n}\n")
        expect(replay + ["--config", cfg, "--db", "sqlite3://db=t.db"], tmp,
               2, "scheduler.max-threads", absent=["t.db"])
    # No command-line path around the engine.ini checks.
    expect(replay + ["--scheduler.max-threads=0"], tmp, 2)
    expect(replay + ["--caf#scheduler.max-threads=0"], tmp, 2)
    # engine.ini structure.
    os.mkdir(os.path.join(tmp, "confdir"))
    expect(replay + ["--config", "confdir"], tmp, 2, "Is a directory")
    for text, msg in [("[Tradeflow]\nlock-wait-ms=-5\n", "unknown section"),
                      ("lock-wait-ms=-5\n", "outside a [section]"),
                      ("[scheduler]\nmax-threadz=2\n", "unknown key"),
                      ("[middleman]\nheartbeat-interval=\"abc\"\n",
                       "expected a duration"),
                      ("[tradeflow]\nlock-wait-ms=1\nlock-wait-ms=-5\n",
                       "duplicate key"),
                      ("[scheduler]\npolicy='bogus'\n", "scheduler.policy")]:
        cfg = ini(tmp, "bad.ini", text)
        expect(replay + ["--config", cfg, "--db", "sqlite3://db=t.db"], tmp,
               2, msg, absent=["t.db"])
    # Duration flags: same rule as engine.ini.
    for flag, value in [("--lock-wait-ms", "-1"),
                        ("--broker-timeout-ms", "-5000"),
                        ("--lock-wait-ms", "9223372036854775808"),
                        ("--lock-wait-ms", ""),
                        ("--broker-timeout-ms", "99999999999999")]:
        expect(replay + [flag, value, "--db", "sqlite3://db=t.db"], tmp, 2,
               flag, absent=["t.db"])
    # Tick sizes: flag and engine.ini, one rule, before anything is written.
    for value in ("0", "1.5", "1e-9", "0.000000015", "cent", ""):
        expect(replay + ["--tick-size", value, "--db", "sqlite3://db=t.db"],
               tmp, 2, "--tick-size", absent=["t.db"])
    for value in ("0.0", "2.0", "1"):
        cfg = ini(tmp, "tick.ini", f"[broker]\ntick-size={value}\n")
        expect(replay + ["--config", cfg, "--db", "sqlite3://db=t.db"], tmp,
               2, "broker.tick-size", absent=["t.db"])
    expect(["node", "--role", "coordinator", "--listen", "127.0.0.1:0",
            "--tick-size", "-0.01", "--db", "sqlite3://db=c.db"], tmp, 2,
           "--tick-size", absent=["c.db"])
    # The venue: --broker and [broker] broker, --fix-config and its file
    # (README, "Connecting a real venue"); refused before anything is
    # written, whether or not this build has the FIX venue.
    expect(replay + ["--broker", "ib", "--db", "sqlite3://db=t.db"], tmp, 2,
           "--broker", absent=["t.db"])
    cfg = ini(tmp, "venue.ini", '[broker]\nbroker="ib"\n')
    expect(replay + ["--config", cfg, "--db", "sqlite3://db=t.db"], tmp, 2,
           "broker.broker", absent=["t.db"])
    expect(replay + ["--broker", "fix", "--db", "sqlite3://db=t.db"], tmp, 2,
           "fix", absent=["t.db"])
    expect(replay + ["--broker", "fix", "--fix-config", "no-such.cfg",
                     "--db", "sqlite3://db=t.db"], tmp, 2, "fix",
           absent=["t.db"])
    expect(["node", "--role", "coordinator", "--listen", "127.0.0.1:0",
            "--broker", "fix", "--fix-config", "venue.ini",
            "--db", "sqlite3://db=c.db"], tmp, 2, "fix", absent=["c.db"])
    expect(["node", "--role", "coordinator", "--listen", "127.0.0.1:0",
            "--heartbeat-ms", "-1", "--db", "sqlite3://db=c.db"], tmp, 2,
           "--heartbeat-ms", absent=["c.db"])
    expect(["node", "--role", "coordinator", "--listen", "127.0.0.1:0",
            "--connection-timeout-ms", "99999999999999"], tmp, 2,
           "--connection-timeout-ms")
    # --metrics: HOST:PORT with a port of 1..65535, one this node can bind;
    # refused before the database is opened.
    coordinator = ["node", "--role", "coordinator", "--listen", "127.0.0.1:0",
                   "--db", "sqlite3://db=c.db", "--metrics"]
    for value in ("", "127.0.0.1", "127.0.0.1:0", "127.0.0.1:65536",
                  "127.0.0.1:http", ":9100", "::1:9100"):
        expect(coordinator + [value], tmp, 2, "--metrics", absent=["c.db"])
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        expect(coordinator + [f"127.0.0.1:{port}"], tmp, 2,
               "--metrics: cannot serve", absent=["c.db"])
    expect(["node", "--role", "worker", "--join", "127.0.0.1:1", "--db",
            "sqlite3://db=c.db", "--metrics", "localhost:"], tmp, 2,
           "--metrics", absent=["c.db"])
    # Log level and log file.
    for level in ("verbose", "WARN"):
        expect(replay + ["--log-level", level], tmp, 2, "unknown log level")
    expect(replay + ["--log-file", tmp, "--db", "sqlite3://db=t.db"], tmp, 2,
           f"--log-file: cannot open '{tmp}': Is a directory",
           absent=["t.db"])
    expect(replay + ["--log-file", "nodir/x.log"], tmp, 2, "--log-file",
           absent=["nodir"])
    cfg = ini(tmp, "logdir.ini", f'[tradeflow]\nlog-file="{tmp}"\n')
    expect(replay + ["--config", cfg], tmp, 2, "tradeflow.log-file")
    # Database URLs.
    for url, msg in [("", "empty"), ("sqlite3://db=", "db needs"),
                     ("sqlite3://nonsense", "key=value"),
                     ("sqlite3://db=x.db timeout=abc bogus=1", "timeout"),
                     ("postgresql://host=127.0.0.1 password=hunter2 bogus=1",
                      "bogus")]:
        expect(replay + ["--db", url], tmp, 2, msg,
               absent=["nonsense", "x.db"])
        rc, err = run(replay + ["--db", url], tmp)
        if "hunter2" in err:
            failures.append("a password was echoed")
    # Client flags are checked before connecting (port 1: nobody listens).
    expect(["status", "--join", "127.0.0.1:1", "--key", "\udcff\udcfe"], tmp,
           2, "--key")
    expect(["run", "--join", "127.0.0.1:1", "--expert", "0"], tmp, 2,
           "--expert: must be >= 1")
    expect(["run", "--join", "127.0.0.1:1", "--expert", "1", "--as-of-ms",
            "-1"], tmp, 2, "--as-of-ms")
    # And good input still runs, writing where it was told to.
    cfg = ini(tmp, "good.ini", "[scheduler]\nmax-threads=2\n[middleman]\n"
              "workers=0\n[tradeflow]\nlog-level=\"warn\"\n")
    expect(replay + ["--config", cfg, "--db", "sqlite3://db=ok.db",
                     "--lock-wait-ms", "500", "--log-level", "info",
                     "--log-file", "logs.txt", "--tick-size", "0.01"], tmp, 0)
    for path in ("ok.db", "logs.txt"):
        if not os.path.exists(os.path.join(tmp, path)):
            failures.append(f"good run: {path} missing")

for f in failures:
    print("cli_checks:", f)
sys.exit(1 if failures else 0)
