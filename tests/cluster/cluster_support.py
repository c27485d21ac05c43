"""Processes, databases and certificates for cluster_test.py."""
import datetime
import json
import os
import select
import signal
import subprocess
import sys
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
COMPARE = os.path.join(HERE, "..", "replay", "compare.py")
HEARTBEAT_MS = 200
CONNECTION_TIMEOUT_MS = 1000
# A silent node is declared lost within the connection timeout plus one
# heartbeat interval; SLACK_S covers process scheduling on a busy 2-core VM.
BOUND_S = (CONNECTION_TIMEOUT_MS + HEARTBEAT_MS) / 1000
SLACK_S = 1.5


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def run(cmd, check=False, timeout=120):
    proc = subprocess.run(cmd, capture_output=True, text=True,
                          timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(cmd[:3])} exited "
                             f"{proc.returncode}: {proc.stderr[-2000:]}")
    return proc


def tradeflow_json(cmd):
    return json.loads(run(cmd, check=True).stdout)


def compare(expected, actual, *args):
    proc = run([sys.executable, COMPARE, expected, actual, *args])
    check(proc.returncode == 0,
          f"{os.path.basename(expected)} differs:\n{proc.stdout}{proc.stderr}")


def poll(fn, timeout, message):
    """Polls observable state (a log, a status) until `fn` is truthy."""
    deadline = time.monotonic() + timeout
    while True:
        value = fn()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(message)
        time.sleep(0.02)


def now_ms_of(scenario):
    with open(scenario) as f:
        now = json.load(f)["now"]
    t = datetime.datetime.fromisoformat(now.replace("Z", "+00:00"))
    return int(t.timestamp() * 1000)


class Database:
    """A fresh database on $TRADEFLOW_PG_ADMIN's server, dropped after."""

    def __enter__(self):
        self.admin = os.environ.get("TRADEFLOW_PG_ADMIN")
        check(self.admin, "TRADEFLOW_PG_ADMIN is not set (scripts/pg-up)")
        self.name = "tfc_" + uuid.uuid4().hex[:12]
        self._admin_sql(f"CREATE DATABASE {self.name}")
        self.url = f"postgresql://{self.admin} dbname={self.name}"
        return self

    def _admin_sql(self, sql):
        run(["psql", self.admin + " dbname=postgres", "-qc", sql], check=True)

    def scalar(self, sql):
        out = run(["psql", f"{self.admin} dbname={self.name}", "-Atc", sql],
                  check=True).stdout.strip()
        return int(out)

    def __exit__(self, *exc):
        run(["psql", self.admin + " dbname=postgres", "-qc",
             f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)"])


class Cluster:
    """A coordinator and `workers` worker nodes (w1, w2, ...) on loopback.
    Each node's log is `{work}/{label}-{name}.log`; `node_args` maps a node
    name to flags of its own (e.g. --metrics)."""

    def __init__(self, tf, db_url, work, label, tls=None, workers=3,
                 node_args=None):
        self.tf, self.work, self.label = tf, work, label
        self.tls = tls or []
        own = node_args or {}
        self.procs, self.files, self.gone = {}, {}, set()
        common = ["--db", db_url, "--heartbeat-ms", str(HEARTBEAT_MS),
                  "--connection-timeout-ms", str(CONNECTION_TIMEOUT_MS),
                  "--log-level", "info", *self.tls]
        line = self._start_node("coordinator", [
            "--role", "coordinator", "--listen", "127.0.0.1:0",
            "--refresh-interval-ms", "0", *common,
            *own.get("coordinator", [])], "listening on")
        self.endpoint = line.split("listening on ")[1].split()[0]
        for i in range(1, workers + 1):
            self._start_node(f"w{i}", ["--role", "worker", "--join",
                                       self.endpoint, "--name", f"w{i}",
                                       *common, *own.get(f"w{i}", [])],
                             "joined")

    def path(self, name, suffix=".log"):
        return os.path.join(self.work, f"{self.label}-{name}{suffix}")

    def _start_node(self, name, args, ready):
        err = open(self.path(name), "w")
        proc = subprocess.Popen([self.tf, "node", *args],
                                stdout=subprocess.PIPE, stderr=err, text=True)
        self.procs[name], self.files[name] = proc, err
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            ready_fds, _, _ = select.select([proc.stdout], [], [], 0.5)
            if ready_fds:
                line = proc.stdout.readline()
                if ready in line:
                    return line.strip()
            if proc.poll() is not None:
                break
        raise AssertionError(f"node {name} did not start: {self.log(name)}")

    def start(self, cmd, name):
        out = open(self.path(name, ".out"), "w")
        err = open(self.path(name), "w")
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True)
        self.procs[name] = proc
        return proc

    def start_replay(self, scenario):
        return self.start([self.tf, "replay", scenario, "--join",
                           self.endpoint, *self.tls], "replay")

    def replay(self, scenario, extra=None):
        proc = run([self.tf, "replay", scenario, "--join", self.endpoint,
                    *(extra or [])])
        check(proc.returncode == 0,
              f"replay --join exited {proc.returncode}: {proc.stderr[-3000:]}")
        out = self.path(os.path.basename(scenario), ".out.json")
        with open(out, "w") as f:
            f.write(proc.stdout)
        return out

    def log(self, name):
        with open(self.path(name)) as f:
            return f.read()

    def wait_log(self, name, text, timeout=15):
        poll(lambda: text in self.log(name), timeout,
             f"'{text}' not in {name}'s log within {timeout} s")

    def placed_on(self, expert):
        marker = f"placed worker of expert {expert} ("
        return [line.rsplit("'", 2)[1] for line in
                self.log("coordinator").splitlines() if marker in line]

    def wait_placed(self, expert, timeout=15):
        return poll(lambda: (self.placed_on(expert) or [None])[-1], timeout,
                    f"expert {expert} was not placed")

    def status(self, extra=None):
        return tradeflow_json([self.tf, "status", "--join", self.endpoint,
                               *(extra if extra is not None else self.tls)])

    def key_status(self, key):
        return tradeflow_json([self.tf, "status", "--join", self.endpoint,
                               "--key", key, *self.tls])

    def kill(self, name):
        self.gone.add(name)
        self.procs[name].send_signal(signal.SIGKILL)

    def pause(self, name):
        self.procs[name].send_signal(signal.SIGSTOP)

    def resume(self, name):
        self.procs[name].send_signal(signal.SIGCONT)

    def wait_exit(self, name, timeout):
        self.gone.add(name)
        return self.procs[name].wait(timeout=timeout)

    def _dump_stacks(self, name, pid):
        """A hung node's threads, for the failure report."""
        with open(self.path(name + "-hung"), "w") as f:
            subprocess.run(["gdb", "-p", str(pid), "-batch", "-ex",
                            "thread apply all bt 25"], stdout=f,
                           stderr=subprocess.DEVNULL, timeout=60)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, *exc):
        nodes = [n for n in self.procs if n == "coordinator" or
                 (n.startswith("w") and n[1:].isdigit())]
        codes = {}
        # Clients and worker nodes first: a worker whose coordinator stops
        # first rightly exits 3 (coordinator lost).
        order = [n for n in self.procs if n != "coordinator"]
        for name in order + ["coordinator"]:
            proc = self.procs[name]
            if proc.poll() is None:
                proc.send_signal(signal.SIGCONT)
                proc.send_signal(signal.SIGTERM)
            try:
                codes[name] = proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._dump_stacks(name, proc.pid)
                proc.kill()
                codes[name] = "hung"
        for f in self.files.values():
            f.close()
        if exc_type is None:
            for name in nodes:
                if name not in self.gone:
                    check(codes[name] == 0,
                          f"node {name} ended with {codes[name]} on SIGTERM")


def make_certificates(folder):
    """A CA, a certificate it signed (every node and client uses it), and a
    self-signed rogue one; returns paths."""
    os.makedirs(folder, exist_ok=True)

    def ssl(*args):
        run(["openssl", *args], check=True)

    p = lambda n: os.path.join(folder, n)  # noqa: E731
    ssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
        p("ca.key"), "-out", p("ca.pem"), "-days", "2", "-subj",
        "/CN=tradeflow test CA", "-addext",
        "basicConstraints=critical,CA:TRUE", "-addext",
        "keyUsage=critical,keyCertSign,cRLSign")
    ssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", p("good.key"),
        "-out", p("good.csr"), "-subj", "/CN=tradeflow node")
    with open(p("good.ext"), "w") as f:
        f.write("basicConstraints=CA:FALSE\n"
                "keyUsage=digitalSignature,keyEncipherment\n"
                "extendedKeyUsage=serverAuth,clientAuth\n"
                "subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    ssl("x509", "-req", "-in", p("good.csr"), "-CA", p("ca.pem"), "-CAkey",
        p("ca.key"), "-CAcreateserial", "-out", p("good.pem"), "-days", "2",
        "-extfile", p("good.ext"))
    ssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
        p("rogue.key"), "-out", p("rogue.pem"), "-days", "2", "-subj",
        "/CN=rogue")
    return {"ca": p("ca.pem"), "good": (p("good.pem"), p("good.key")),
            "rogue": (p("rogue.pem"), p("rogue.key"))}
