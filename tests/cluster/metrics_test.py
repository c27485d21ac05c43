#!/usr/bin/env python3
"""`tradeflow node --metrics` over real HTTP (docs/metrics.md): a
coordinator and one worker node on loopback, each serving /metrics on a
port of its own, sharing one SQLite file (no database server needed).

    metrics_test.py TRADEFLOW SCENARIO

Scrapes both nodes before and after `replay --join SCENARIO`: every family
is served with its `# TYPE` line, and the runs, lock waits, broker calls,
submissions and workers moved on the node that does each.
"""
import os
import re
import socket
import sys
import tempfile
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cluster_support import Cluster, check  # noqa: E402

FAMILIES = {
    "tradeflow_runs_total": "counter",
    "tradeflow_lock_wait_seconds": "histogram",
    "tradeflow_recommendation_outcomes_total": "counter",
    "tradeflow_orders_total": "counter",
    "tradeflow_broker_request_seconds": "histogram",
    "tradeflow_stale_epoch_total": "counter",
    "tradeflow_locks_held": "gauge",
    "tradeflow_runs_in_flight": "gauge",
    "tradeflow_runs_queued": "gauge",
    "tradeflow_workers": "gauge",
}
SAMPLE = re.compile(r"^([a-z_]+)(\{[^}]*\})? (\S+)$")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def scrape(port):
    """The text exposition of one node: ({family: type}, {sample: value})
    with samples keyed as written, e.g. 'x_total{event="submitted"}'."""
    url = f"http://127.0.0.1:{port}/metrics"
    with urllib.request.urlopen(url, timeout=10) as response:
        check(response.status == 200, f"{url}: HTTP {response.status}")
        text = response.read().decode()
    types, samples = {}, {}
    for line in text.splitlines():
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split()
            types[name] = kind
        elif line and not line.startswith("#"):
            m = SAMPLE.match(line)
            check(m, f"{url}: unparsed line {line!r}")
            samples[m.group(1) + (m.group(2) or "")] = float(m.group(3))
    return types, samples


def total(samples, family):
    """The sum over every labelled child of a counter family."""
    return sum(v for k, v in samples.items()
               if k == family or k.startswith(family + "{"))


def check_families(node, types):
    for name, kind in FAMILIES.items():
        check(types.get(name) == kind,
              f"{node}: # TYPE {name} {kind} missing (got {types.get(name)})")


def moved(node, before, after, key, at_least=1):
    b, a = before.get(key, 0), after.get(key, 0)
    check(a - b >= at_least, f"{node}: {key} did not move: {b} -> {a}")
    print(f"ok {node}: {key} {b:g} -> {a:g}")


def main():
    tf, scenario = sys.argv[1], sys.argv[2]
    ports = {"coordinator": free_port(), "w1": free_port()}
    args = {n: ["--metrics", f"127.0.0.1:{p}"] for n, p in ports.items()}
    with tempfile.TemporaryDirectory(prefix="tradeflow-metrics-") as work:
        url = "sqlite3://db=" + os.path.join(work, "cluster.db")
        try:
            with Cluster(tf, url, work, "metrics", workers=1,
                         node_args=args) as c:
                before = {n: scrape(p) for n, p in ports.items()}
                for node, (types, _) in before.items():
                    check_families(node, types)
                c.replay(scenario)
                check("placed worker" in c.log("coordinator"),
                      "no worker was placed on the worker node")
                # Every count of a run is made before its answer leaves
                # the node, so the replay's end is the point to scrape.
                after = {n: scrape(p) for n, p in ports.items()}
                co_b, co_a = before["coordinator"][1], after["coordinator"][1]
                w_b, w_a = before["w1"][1], after["w1"][1]
                runs_b = total(co_b, "tradeflow_runs_total")
                runs_a = total(co_a, "tradeflow_runs_total")
                check(runs_a > runs_b, f"runs_total {runs_b} -> {runs_a}")
                print(f"ok coordinator: runs_total {runs_b:g} -> {runs_a:g}")
                moved("coordinator", co_b, co_a,
                      "tradeflow_broker_request_seconds_count")
                moved("coordinator", co_b, co_a,
                      'tradeflow_orders_total{event="submitted"}')
                moved("coordinator", co_b, co_a, "tradeflow_workers")
                # The runs ran on the worker node: its workers take locks.
                moved("w1", w_b, w_a, "tradeflow_lock_wait_seconds_count")
                moved("w1", w_b, w_a, "tradeflow_workers")
                for node, (types, samples) in after.items():
                    check_families(node, types)
                    check(samples["tradeflow_runs_in_flight"] == 0,
                          f"{node}: runs still in flight")
        except AssertionError as e:
            print(f"FAILED: {e}")
            for name in sorted(os.listdir(work)):
                if name.endswith(".log"):
                    with open(os.path.join(work, name)) as f:
                        print(f"--- {name} (tail)\n{f.read()[-3000:]}")
            sys.exit(1)


if __name__ == "__main__":
    main()
