#!/usr/bin/env python3
"""What a node's cluster port does with bad flags, bad TLS files and
hostile peers (docs/cluster.md).

    hostile_test.py TRADEFLOW listen       a non-loopback --listen without
        TLS or --insecure, or a port in use: exit 2, nothing written
    hostile_test.py TRADEFLOW tls-files    invalid certificate, key or CA:
        exit 2 at once naming the file, for a node and a client
    hostile_test.py TRADEFLOW tls-hostile  a TLS coordinator with a joined
        worker node; a partial ClientHello and a 36-byte BASP header on its
        public port: the worker stays joined, runs still work, RSS bounded
        (PostgreSQL: $TRADEFLOW_PG_ADMIN)
    hostile_test.py TRADEFLOW loopback     the 36-byte header against a
        plain node listening on loopback: records what it does

Hostile peers hold their connection longer than the nodes' connection
timeout (1 s, cluster_support.CONNECTION_TIMEOUT_MS).
"""
import os
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cluster_support import (CONNECTION_TIMEOUT_MS, HEARTBEAT_MS,  # noqa: E402
                             Cluster, Database, check, make_certificates,
                             now_ms_of, poll, run, tradeflow_json)
from hostile_peer import attack  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
HOLD_S = 3 * CONNECTION_TIMEOUT_MS / 1000 + 1
# A refusal must not wait for a network timeout.
FAST_S = 3.0


def refused(cmd, flag, text, db_file=None):
    start = time.monotonic()
    proc = run(cmd, timeout=30)
    took = time.monotonic() - start
    check(proc.returncode == 2, f"{cmd[1:4]}: rc {proc.returncode} "
          f"{proc.stderr!r}")
    check(flag in proc.stderr and text in proc.stderr,
          f"{cmd[1:4]}: message does not name {flag} / {text!r}: "
          f"{proc.stderr!r}")
    check(took < FAST_S, f"{cmd[1:4]}: refused after {took:.1f} s")
    if db_file:
        check(not os.path.exists(db_file), f"{db_file} was written")
    return took


def test_listen(tf, work):
    db = os.path.join(work, "c.db")
    coord = [tf, "node", "--role", "coordinator", "--db",
             f"sqlite3://db={db}", "--listen"]
    refused(coord + ["0.0.0.0:0"], "--listen", "not a loopback", db)
    refused(coord + ["[::]:0"], "--listen", "not a loopback", db)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        refused(coord + [f"127.0.0.1:{port}"], "--listen", "in use", db)
    refused([tf, "status", "--join", "[::1]"], "--join", "missing port", None)
    refused([tf, "status", "--join", "::1:7400"], "--join", "brackets", None)
    print("ok listen: non-loopback without TLS and a taken port refused "
          "(exit 2) before the database was created")


def test_tls_files(tf, work):
    certs = make_certificates(os.path.join(work, "certs"))
    bad = os.path.join(work, "bad.pem")
    with open(bad, "w") as f:
        f.write("not a certificate\n")
    cert, key = certs["good"]
    cases = [
        ((bad, key, certs["ca"]), "--tls-cert", "is not a PEM certificate"),
        ((cert, bad, certs["ca"]), "--tls-key", "is not an unencrypted PEM"),
        ((cert, certs["rogue"][1], certs["ca"]), "--tls-key",
         "does not match"),
        ((cert, key, bad), "--tls-ca", "holds no PEM certificate"),
        ((cert, key, os.path.join(work, "missing.pem")), "--tls-ca",
         "cannot be read"),
    ]
    db = os.path.join(work, "c.db")
    for (c, k, ca), flag, text in cases:
        tls = ["--tls-cert", c, "--tls-key", k, "--tls-ca", ca]
        node = refused([tf, "node", "--role", "coordinator", "--listen",
                        "127.0.0.1:0", "--db", f"sqlite3://db={db}", *tls],
                       flag, text, db)
        client = refused([tf, "status", "--join", "127.0.0.1:9", *tls],
                         flag, text)
        print(f"ok {flag} {text}: node {node:.2f} s, client {client:.2f} s")


def rss_kb(pid, field="VmHWM"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise AssertionError(f"no {field} for {pid}")


def hostile(kind, port, results):
    results[kind] = attack(kind, port, HOLD_S)


def test_tls_hostile(tf, work):
    certs = make_certificates(os.path.join(work, "certs"))
    good = ["--tls-cert", certs["good"][0], "--tls-key", certs["good"][1],
            "--tls-ca", certs["ca"]]
    scenario = os.path.join(HERE, "..", "scenarios", "core",
                            "two-experts-concurrent.json")
    with Database() as db, Cluster(tf, db.url, work, "hostile", tls=good,
                                   workers=1) as c:
        c.replay(scenario, extra=good)
        coordinator = c.procs["coordinator"].pid
        before = rss_kb(coordinator)
        port = int(c.endpoint.rsplit(":", 1)[1])
        results = {}
        peers = [threading.Thread(target=hostile, args=(k, port, results))
                 for k in ("clienthello", "basp")]
        for p in peers:
            p.start()
        # Past the connection timeout while both peers hold: w1 is joined.
        time.sleep(HOLD_S - 1)
        during = c.status(extra=good)
        for p in peers:
            p.join()
        check(during["nodes"] == 1, f"status while attacked: {during}")
        check(c.procs["w1"].poll() is None, "w1 exited")
        check("lost" not in c.log("coordinator"),
              "the coordinator lost a node: " + c.log("coordinator")[-800:])
        result = tradeflow_json([tf, "run", "--join", c.endpoint, "--expert",
                                 "1", "--as-of-ms", str(now_ms_of(scenario)),
                                 *good])
        check(result["status"] == "processed", f"run after attack: {result}")
        check(c.placed_on(1)[-1] == "w1", "expert 1 did not run on w1")
        after = c.status(extra=good)
        check(after["nodes"] == 1, f"status after the attack: {after}")
        grown = rss_kb(coordinator) - before
        check(grown < 64 * 1024, f"coordinator peak RSS grew {grown} kB")
        print(f"ok tls-hostile: peers held {HOLD_S:.0f} s ({results}); w1 "
              f"stayed joined and ran expert 1; coordinator peak RSS "
              f"+{grown} kB")


def listening_addresses(port):
    """Local addresses listening on `port`, from the kernel's tables."""
    out = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as f:
            next(f)
            for line in f:
                fields = line.split()
                addr, p = fields[1].rsplit(":", 1)
                if fields[3] == "0A" and int(p, 16) == port:
                    out.append(addr)
    return out


def limit_memory():
    # Bounds what the header can take on this machine, with room for the
    # 4 GB it asks for: it records the node's behaviour, it is no defence.
    # Not under AddressSanitizer, which reserves terabytes of address space
    # for its shadow memory and cannot start under such a limit.
    if os.environ.get("TRADEFLOW_ASAN") == "1":
        return
    limit = 6 << 30
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def test_loopback(tf, work):
    db = os.path.join(work, "c.db")
    err = open(os.path.join(work, "loopback-coordinator.log"), "w")
    proc = subprocess.Popen(
        [tf, "node", "--role", "coordinator", "--listen", "127.0.0.1:0",
         "--db", f"sqlite3://db={db}", "--heartbeat-ms", str(HEARTBEAT_MS),
         "--connection-timeout-ms", str(CONNECTION_TIMEOUT_MS)],
        stdout=subprocess.PIPE, stderr=err, text=True,
        preexec_fn=limit_memory)
    try:
        line = proc.stdout.readline()
        check("listening on" in line, f"no listening line: {line!r}")
        endpoint = line.split("listening on ")[1].split()[0]
        port = int(endpoint.rsplit(":", 1)[1])
        # The defence: only loopback peers (local processes) reach BASP.
        addrs = listening_addresses(port)
        check(addrs and all(a in ("0100007F", "00000000000000000000000001000000")
                            for a in addrs), f"listens on {addrs}")
        before = rss_kb(proc.pid, "VmRSS")
        start = time.monotonic()
        results = {}
        peer = threading.Thread(target=hostile, args=("basp", port, results))
        peer.start()
        status = poll(lambda: run([tf, "status", "--join", endpoint],
                                  timeout=60).returncode == 0, 60,
                      "the node never answered status again")
        answered = time.monotonic() - start
        peer.join()
        check(status and proc.poll() is None,
              f"the node died: rc {proc.poll()}")
        peak = rss_kb(proc.pid)
        print(f"ok loopback: plain node listens on loopback only; the "
              f"36-byte header: RSS {before // 1024} MB -> peak "
              f"{peak // 1024} MB, status answered again after "
              f"{answered:.1f} s, peer {results.get('basp')}")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        err.close()


def main():
    tf, what = sys.argv[1], sys.argv[2]
    tests = {"listen": test_listen, "tls-files": test_tls_files,
             "tls-hostile": test_tls_hostile, "loopback": test_loopback}
    with tempfile.TemporaryDirectory(prefix="tradeflow-hostile-") as work:
        try:
            tests[what](tf, work)
        except AssertionError as e:
            print(f"FAILED: {e}")
            for name in sorted(os.listdir(work)):
                if name.endswith(".log"):
                    with open(os.path.join(work, name)) as f:
                        print(f"--- {name} (tail)\n{f.read()[-3000:]}")
            sys.exit(1)


if __name__ == "__main__":
    main()
