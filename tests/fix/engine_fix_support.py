"""The engine against ordermatch: processes and the database for
engine_fix_test.py, which fix_harness.py runs in the acceptor's directory
(a network namespace of its own, ordermatch on port 5001)."""
import json
import os
import select
import signal
import sqlite3
import subprocess
import time

# Every wait: a live acceptor on loopback answers in milliseconds, so only
# a broken engine waits this long.
WAIT_S = 20
SETTINGS = os.path.join(os.environ.get("FIX_TEST_DIR", "."),
                        "tradeflow-ordermatch.cfg")


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def poll(fn, message, timeout=WAIT_S):
    """Polls observable state (the database) until `fn` is truthy."""
    deadline = time.monotonic() + timeout
    while True:
        value = fn()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(message)
        time.sleep(0.05)


class Contra:
    """fix_contra logged on to ordermatch as CONTRA: it sets the market."""

    def __init__(self):
        self.proc = subprocess.Popen(
            [os.environ["FIX_CONTRA"],
             os.path.join(os.environ["FIX_TEST_DIR"], "contra.cfg")],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            bufsize=1)
        self.buf = ""
        self.wait_for("logon")

    def send(self, line):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def wait_for(self, prefix, timeout=WAIT_S):
        """The next output line starting with `prefix` (bounded). Reads the
        pipe unbuffered: select() cannot see lines a file object holds."""
        deadline = time.monotonic() + timeout
        fd = self.proc.stdout.fileno()
        while True:
            while "\n" in self.buf:
                line, self.buf = self.buf.split("\n", 1)
                print("contra:", line, flush=True)
                if line.startswith(prefix):
                    return line
            left = deadline - time.monotonic()
            check(left > 0, f"contra: no '{prefix}' line")
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                chunk = os.read(fd, 4096)
                check(chunk != b"", f"contra ended before '{prefix}'")
                self.buf += chunk.decode()

    def order(self, side, symbol, qty, price, order_id, status):
        """Sends one limit order; waits for its report with `status`."""
        self.send(f"{side} {symbol} {qty} {price} {order_id}")
        self.wait_for(f"report id={order_id} status={status}")

    def close(self):
        try:
            self.send("quit")
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()


class Database:
    """The engine's SQLite file, read without writing."""

    def __init__(self, path):
        self.path = path
        self.url = "sqlite3://db=" + path

    def rows(self, sql, *args):
        if not os.path.exists(self.path):
            return []
        con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                              timeout=5)
        try:
            con.row_factory = sqlite3.Row
            return [dict(r) for r in con.execute(sql, args)]
        except sqlite3.OperationalError:
            return []  # not migrated yet
        finally:
            con.close()

    def order(self, client_order_id):
        rows = self.rows("SELECT client_order_id, type, side, quantity,"
                         " limit_price, status, filled_qty, filled_avg_price,"
                         " comment FROM orders WHERE client_order_id = ?",
                         client_order_id)
        return rows[0] if rows else None

    def transaction(self, tid=1):
        rows = self.rows("SELECT id, symbol, side, quantity, status,"
                         " open_price, close_price, take_profit, stop_loss"
                         " FROM transactions WHERE id = ?", tid)
        return rows[0] if rows else None

    def show(self, title):
        """Prints what the database holds (quoted in the closing note)."""
        print(f"--- database after {title}:", flush=True)
        for t in self.rows("SELECT id, symbol, side, quantity, status,"
                           " open_price, close_price, take_profit,"
                           " stop_loss FROM transactions ORDER BY id"):
            print("transaction", json.dumps(t), flush=True)
        for o in self.rows("SELECT client_order_id, type, side, quantity,"
                           " limit_price, stop_price, status, filled_qty,"
                           " filled_avg_price, comment FROM orders"
                           " ORDER BY id"):
            print("order", json.dumps(o), flush=True)


def scenario(path, actions, steps, name):
    """One expert, one BUY recommendation on AAPL at 100 (balance 100000:
    an entry of 100 shares), the enter_market ruleset's `actions`."""
    doc = {
        "name": name,
        "now": "2026-01-05T15:00:00Z",
        "account": {"balance": 100000},
        "prices": {"AAPL": 100},
        "rulesets": [{"id": 1, "name": "enter", "rules": [{
            "name": "bullish", "continue_processing": False,
            "triggers": [{"event_type": "bullish"}],
            "actions": actions}]}],
        "experts": [{"id": 1, "name": "fix", "enabled": True,
                     "enter_market_ruleset_id": 1,
                     "open_positions_ruleset_id": None,
                     "settings": {"allow_automated_trade_opening": True}}],
        "transactions": [],
        "recommendations": [{
            "id": 1, "expert_id": 1, "symbol": "AAPL", "action": "BUY",
            "expected_profit_percent": 10, "price_at_date": 100,
            "confidence": 90, "risk_level": "MEDIUM",
            "time_horizon": "SHORT_TERM",
            "created_at": "2026-01-05T14:00:00Z"}],
        "steps": [{"at_ms": 0, "run": {"expert_id": 1,
                                       "use_case": "enter_market",
                                       "lookback_days": 1}}] + steps,
    }
    with open(path, "w") as f:
        json.dump(doc, f)
    return path


def refreshes(every_ms, until_ms):
    """Refresh steps: the database learns what the venue reported."""
    return [{"at_ms": t, "refresh": True}
            for t in range(every_ms, until_ms + 1, every_ms)]


def start(cmd, name):
    """Runs `cmd` with its output in NAME.out and NAME.err (files: a node
    that logs much never blocks on a full pipe)."""
    print("starting:", " ".join(cmd), flush=True)
    proc = subprocess.Popen(cmd, stdout=open(name + ".out", "w"),
                            stderr=open(name + ".err", "w"))
    proc.name = name
    return proc


def tail(proc):
    with open(proc.name + ".err") as f:
        return f.read()[-3000:]


def finish(proc, timeout=WAIT_S + 40):
    """Waits (bounded) for `proc` to end with 0; returns its stdout."""
    proc.wait(timeout=timeout)
    if proc.returncode != 0:
        print(f"{proc.name} stderr:\n{tail(proc)}", flush=True)
    check(proc.returncode == 0, f"{proc.name} exited {proc.returncode}")
    with open(proc.name + ".out") as f:
        return f.read()


def kill(proc):
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        kill(proc)
