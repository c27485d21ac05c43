#!/usr/bin/env python3
"""Multi-process cluster tests: one coordinator and three worker nodes
(`tradeflow node`) on loopback, sharing a fresh database on the PostgreSQL
server of $TRADEFLOW_PG_ADMIN (scripts/pg-up).

    cluster_test.py TRADEFLOW scenarios SCENARIO_DIR...   every scenario with
        `replay --join` gives its expected output and the same output as an
        in-process replay on SQLite; the runs were placed on worker nodes
    cluster_test.py TRADEFLOW generated    many concurrent triggers per
        expert: no duplicate open position, no double broker order
    cluster_test.py TRADEFLOW kill         kill -9 of a worker node mid-run
    cluster_test.py TRADEFLOW pause        SIGSTOP past the bound, SIGCONT:
        the resumed node's write is refused (stale_epoch)
    cluster_test.py TRADEFLOW tls          a peer with a certificate from the
        cluster's CA joins; one without is refused, and the joined worker
        node stays

Nodes run with a 200 ms heartbeat and a 1 s connection timeout, so a silent
node is declared lost within BOUND_S = 1.2 s (connection timeout plus one
heartbeat interval); tests allow scheduling slack on top (SLACK_S).
"""
import json
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cluster_support import (BOUND_S, SLACK_S, Cluster, Database, check,  # noqa: E402
                             compare, now_ms_of, poll, run, tradeflow_json)

HERE = os.path.dirname(os.path.abspath(__file__))


def scenario_pairs(dirs):
    for d in dirs:
        for name in sorted(os.listdir(d)):
            if name.endswith(".json") and not name.endswith(".expected.json"):
                yield (os.path.join(d, name),
                       os.path.join(d, name[:-5] + ".expected.json"))


def test_scenarios(tf, dirs, work):
    for scenario, expected in scenario_pairs(dirs):
        name = os.path.basename(scenario)
        with open(expected) as f:
            if "exit_status" in json.load(f):
                # Refused before any connection: the same message and code.
                proc = run([tf, "replay", scenario, "--join", "127.0.0.1:9"])
                err = os.path.join(work, name + ".err")
                with open(err, "w") as f:
                    f.write(proc.stderr)
                compare(expected, err, "--actual-exit-status",
                        str(proc.returncode))
                print(f"ok {name} (refused)")
                continue
        with open(scenario) as f:
            if {"tick_size", "tick_sizes"} & json.load(f).keys():
                # Ticks are the nodes' settings; --join refuses a scenario
                # that sets its own (checked by input.cli_checks).
                print(f"ok {name} (ticks: not replayed on a cluster)")
                continue
        with Database() as db, Cluster(tf, db.url, work, name) as c:
            out = c.replay(scenario)
            compare(expected, out, "--check-race-groups")
            local = os.path.join(work, name + ".sqlite.json")
            with open(local, "w") as f:
                f.write(run([tf, "replay", scenario], check=True).stdout)
            compare(local, out, "--check-race-groups")
            with open(scenario) as f:
                has_runs = any("run" in s for s in json.load(f)["steps"])
            if has_runs:
                check("placed worker" in c.log("coordinator"),
                      f"{name}: no worker was placed on a worker node")
        print(f"ok {name}")


def live_pairs(out):
    pairs = {}
    for t in out["transactions"]:
        if t["status"] in ("WAITING", "OPENED"):
            key = (t["expert_id"], t["symbol"])
            pairs[key] = pairs.get(key, 0) + 1
    return pairs


def test_generated(tf, work):
    scenario = os.path.join(work, "generated.json")
    run([tf, "gen", "--experts", "40", "--recs-per-expert", "4",
         "--dup-ratio", "0.2", "--concurrency", "5", "--seed", "11",
         "--out", scenario], check=True)
    with Database() as db, Cluster(tf, db.url, work, "generated") as c:
        with open(c.replay(scenario)) as f:
            out = json.load(f)
        doubles = {k: n for k, n in live_pairs(out).items() if n > 1}
        check(not doubles, f"duplicate open positions: {doubles}")
        ids = [o["client_order_id"] for o in out["orders"]]
        check(len(ids) == len(set(ids)), "an order was written twice")
        # Client ids are {expert}-{recommendation}-{leg}: one entry each.
        per_rec = {}
        for o in out["orders"]:
            expert, rec, leg = o["client_order_id"].split("-")
            if leg == "entry":
                per_rec[(expert, rec)] = per_rec.get((expert, rec), 0) + 1
        check(all(n == 1 for n in per_rec.values()),
              "a recommendation got two entry orders")
        submitted = db.scalar("SELECT COUNT(*) FROM orders WHERE "
                              "broker_order_id IS NOT NULL")
        distinct = db.scalar("SELECT COUNT(DISTINCT broker_order_id) FROM "
                             "orders WHERE broker_order_id IS NOT NULL")
        check(submitted == distinct and submitted > 0,
              f"broker orders {submitted}, distinct {distinct}")
        nodes = {line.rsplit("'", 2)[1] for line in
                 c.log("coordinator").splitlines() if "placed worker" in line}
        check(len(nodes) >= 2, f"placement did not spread: {nodes}")
        print(f"ok generated: {len(out['runs'])} runs on {len(nodes)} nodes, "
              f"{len(per_rec)} entries, 0 duplicates")


def no_half_written_rows(db):
    orphans = db.scalar(
        "SELECT COUNT(*) FROM transactions t WHERE NOT EXISTS (SELECT 1 FROM "
        "orders o WHERE o.transaction_id = t.id)")
    check(orphans == 0, f"{orphans} transactions without their entry order")


def test_kill(tf, work):
    scenario = os.path.join(HERE, "scenarios", "slow-broker.json")
    with Database() as db, Cluster(tf, db.url, work, "kill") as c:
        replay = c.start_replay(scenario)
        victim = c.wait_placed(1)
        c.wait_log(victim, "Acquired processing lock for expert 1 ")
        key = "expert_1_usecase_enter_market"
        check(c.key_status(key)["held"], "expert 1's lock is not held")
        killed = time.monotonic()
        c.kill(victim)
        poll(lambda: not c.key_status(key)["held"], BOUND_S + SLACK_S,
             f"{key} still held {BOUND_S + SLACK_S} s after kill -9")
        released = time.monotonic() - killed
        replay.wait(timeout=60)
        status = poll(lambda: (lambda s: s if s["locks_held"] == 0 else None)(
            c.status()), 10, "locks still held after the replay ended")
        check(status["nodes"] == 2, f"nodes after the kill: {status}")
        no_half_written_rows(db)
        # The killed node's experts run again on the remaining nodes.
        result = tradeflow_json([tf, "run", "--join", c.endpoint, "--expert",
                                 "1", "--as-of-ms", str(now_ms_of(scenario))])
        check(result["status"] == "processed", f"re-run: {result}")
        check(victim not in c.placed_on(1)[-1:], "expert 1 not re-placed")
        dump = tradeflow_json([tf, "run", "--join", c.endpoint, "--expert",
                               "1", "--as-of-ms", str(now_ms_of(scenario))])
        check(all(o["outcome"] == "skipped_duplicate"
                  for o in dump["outcomes"]),
              f"a third run of expert 1 opened something again: {dump}")
        dup = db.scalar("SELECT COUNT(*) FROM (SELECT expert_id, symbol FROM "
                        "transactions WHERE status IN ('WAITING','OPENED') "
                        "GROUP BY expert_id, symbol HAVING COUNT(*) > 1) d")
        check(dup == 0, "duplicate open positions")
        no_half_written_rows(db)
        print(f"ok kill: lock of the killed node released after "
              f"{released * 1000:.0f} ms (bound {BOUND_S * 1000:.0f} ms)")


def test_pause(tf, work):
    scenario = os.path.join(HERE, "scenarios", "pause-seed.json")
    now = str(now_ms_of(scenario))
    with Database() as db, Cluster(tf, db.url, work, "pause") as c:
        c.replay(scenario)  # seeds expert 1 with AAPL, MSFT, GOOGL, AMZN
        first = c.start([tf, "run", "--join", c.endpoint, "--expert", "1",
                         "--as-of-ms", now], "first-run")
        victim = c.wait_placed(1)
        # The first entry is written and at the venue (700 ms latency): the
        # first run holds expert 1's lock on the victim node.
        submitted = lambda: c.log("coordinator").count(  # noqa: E731
            "submission of 1-")
        poll(lambda: submitted() >= 1, 15, "the first run submitted nothing")
        c.pause(victim)
        paused = time.monotonic()
        c.wait_log("coordinator", f"node '{victim}' lost",
                   timeout=BOUND_S + SLACK_S)
        lost_after = time.monotonic() - paused
        key = "expert_1_usecase_enter_market"
        check(not c.key_status(key)["held"], "the paused node still holds")
        # The second run (another node, a newer epoch) fences the key, finds
        # the first run's positions and skips them.
        second = tradeflow_json([tf, "run", "--join", c.endpoint, "--expert",
                                 "1", "--as-of-ms", now])
        check(second["status"] == "processed" and all(
            o["outcome"] == "skipped_duplicate" for o in second["outcomes"]),
            f"second run: {second}")
        check(c.placed_on(1)[-1] != victim, "expert 1 stayed on the victim")
        # The paused node resumes mid-run: its status updates are refused.
        c.resume(victim)
        c.wait_log(victim, "refused: stale_epoch", timeout=10)
        check(c.wait_exit(victim, 20) == 3, "resumed node did not stop (3)")
        pending = db.scalar("SELECT COUNT(*) FROM orders WHERE status = "
                            "'pending' AND broker_order_id IS NULL")
        check(pending >= 1, "the resumed node's updates were applied")
        first.wait(timeout=30)
        dup = db.scalar("SELECT COUNT(*) FROM (SELECT symbol FROM transactions"
                        " WHERE status IN ('WAITING','OPENED') GROUP BY "
                        "symbol HAVING COUNT(*) > 1) d")
        check(dup == 0, "duplicate open positions")
        no_half_written_rows(db)
        print(f"ok pause: node lost {lost_after * 1000:.0f} ms after SIGSTOP "
              f"(bound {BOUND_S * 1000:.0f} ms); its writes after SIGCONT "
              f"were refused as stale_epoch")


def test_tls(tf, work):
    from cluster_support import make_certificates
    certs = make_certificates(os.path.join(work, "certs"))
    good = ["--tls-cert", certs["good"][0], "--tls-key", certs["good"][1],
            "--tls-ca", certs["ca"]]
    rogue = ["--tls-cert", certs["rogue"][0], "--tls-key", certs["rogue"][1],
             "--tls-ca", certs["ca"]]
    scenario = os.path.join(HERE, "..", "scenarios", "core",
                            "two-experts-concurrent.json")
    with Database() as db, Cluster(tf, db.url, work, "tls", tls=good,
                                   workers=1) as c:
        out = c.replay(scenario, extra=good)
        compare(scenario[:-5] + ".expected.json", out, "--check-race-groups")
        for label, args in (("rogue certificate", rogue), ("no TLS", [])):
            proc = run([tf, "status", "--join", c.endpoint, *args])
            check(proc.returncode == 2 and "cannot join" in proc.stderr,
                  f"{label}: rc {proc.returncode}, {proc.stderr!r}")
        proc = run([tf, "node", "--role", "worker", "--join", c.endpoint,
                    "--db", db.url, "--name", "intruder", *rogue], timeout=30)
        check(proc.returncode == 2, f"rogue node: rc {proc.returncode}")
        check("'intruder' joined" not in c.log("coordinator"),
              "the rogue node joined")
        # stunnel refuses those handshakes in its own process: w1 stays.
        check(c.status(extra=good)["nodes"] == 1, "w1 left, or a node "
              "joined twice")
        check(c.procs["w1"].poll() is None, "w1 exited")
    print("ok tls: a peer with the CA's certificate joined and replayed; "
          "a rogue certificate and a plain peer were refused")


def main():
    tf, what = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory(prefix="tradeflow-cluster-") as work:
        try:
            if what == "scenarios":
                test_scenarios(tf, sys.argv[3:], work)
            elif what == "generated":
                test_generated(tf, work)
            elif what == "kill":
                test_kill(tf, work)
            elif what == "pause":
                test_pause(tf, work)
            elif what == "tls":
                test_tls(tf, work)
            else:
                sys.exit(f"unknown test {what}")
        except AssertionError as e:
            print(f"FAILED: {e}")
            for name in sorted(os.listdir(work)):
                if name.endswith(".log"):
                    with open(os.path.join(work, name)) as f:
                        tail = f.read()[-3000:]
                    print(f"--- {name} (tail)\n{tail}")
            sys.exit(1)


if __name__ == "__main__":
    main()
