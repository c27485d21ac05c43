#!/usr/bin/env python3
"""The tradeflow binary on the FIX venue against QuickFIX's ordermatch
(README, "Connecting a real venue"; docs/fix-venue.md), one case per run:

  engine_fix_test.py CASE --tradeflow BIN

fix_harness.py runs it in the acceptor's directory. The contra side
(fix_contra) sets the market; each case checks the engine's SQLite
database afterwards and prints what it held. ordermatch fills at the
sell order's price, so a collared market buy (limit 105 around the
scenario's 100) crossing a resting sell at 100 fills at 100."""
import argparse
import os
import sys

from engine_fix_support import (Contra, Database, SETTINGS, check, finish,
                                kill, poll, refreshes, scenario, start, stop,
                                tail)

BUY = {"action_type": "buy"}
TAKE_PROFIT = {"action_type": "adjust_take_profit",
               "reference_value": "current_price", "value": 10}
STOP_LOSS = {"action_type": "adjust_stop_loss",
             "reference_value": "current_price", "value": -5}
FIX_FLAGS = ["--broker", "fix", "--fix-config", SETTINGS,
             "--tick-size", "0.01"]


def replay(args, db, sc, extra=FIX_FLAGS):
    return start([args.tradeflow, "replay", sc, "--db", db.url] + extra,
                 "replay")


def status_is(db, order_id, *statuses):
    return lambda: (db.order(order_id) or {}).get("status") in statuses


def entry_then_take_profit(args, db, contra):
    """The entry (a collared market buy) crosses a resting sell; its take
    profit rests on the book and fills when the contra's buy crosses it.
    The venue is chosen by engine.ini ([broker] broker, fix-config)."""
    with open("engine.ini", "w") as f:
        f.write(f'[broker]\ntick-size=0.01\nbroker="fix"\n'
                f'fix-config="{SETTINGS}"\n')
    contra.order("sell", "AAPL", 100, "100.00", "C-S1", 0)
    sc = scenario("tp.json", [BUY, TAKE_PROFIT], refreshes(300, 9000),
                  "fix-entry-tp")
    proc = replay(args, db, sc, ["--config", "engine.ini"])
    poll(status_is(db, "1-1-tp", "open"), "the take profit never rested")
    contra.order("buy", "AAPL", 100, "110.00", "C-B1", 2)
    poll(status_is(db, "1-1-tp", "filled"), "the take profit never filled")
    finish(proc)
    db.show("entry_then_take_profit")
    entry, tp, t = db.order("1-1-entry"), db.order("1-1-tp"), db.transaction()
    check(entry["status"] == "filled" and entry["filled_qty"] == 100
          and entry["filled_avg_price"] == 100, f"entry: {entry}")
    check(tp["filled_qty"] == 100 and tp["filled_avg_price"] == 110,
          f"take profit: {tp}")
    check(t["status"] == "CLOSED" and t["open_price"] == 100
          and t["close_price"] == 110, f"transaction: {t}")


def reconcile_after_kill(args, db, contra):
    """The engine's entry rests unanswered by a fill; the engine is killed
    (SIGKILL), the contra fills the entry while it is down, and a node
    restarted on the same database and FileStore settles it without a
    run: the resend's reports and the start-up reconciliation."""
    sc = scenario("kill.json", [BUY], refreshes(300, 1500)
                  + [{"at_ms": 600000, "refresh": True}], "fix-kill")
    proc = replay(args, db, sc)
    poll(status_is(db, "1-1-entry", "open"), "the entry never rested")
    kill(proc)
    db.show("the kill (entry resting)")
    check(db.transaction()["status"] == "WAITING", "not WAITING at the kill")
    contra.order("sell", "AAPL", 100, "100.00", "C-S1", 2)
    node = start([args.tradeflow, "node", "--role", "coordinator",
                  "--listen", "127.0.0.1:0", "--db", db.url,
                  "--refresh-interval-ms", "300"] + FIX_FLAGS, "node")
    try:
        poll(lambda: (db.transaction() or {}).get("status") == "OPENED"
             and status_is(db, "1-1-entry", "filled")(),
             "the restarted node did not settle the entry")
    except AssertionError:
        print("node stderr:\n" + tail(node), flush=True)
        db.show("reconcile_after_kill (failed)")
        raise
    finally:
        stop(node)
    db.show("reconcile_after_kill")
    entry, t = db.order("1-1-entry"), db.transaction()
    check(entry["filled_qty"] == 100 and entry["filled_avg_price"] == 100,
          f"entry: {entry}")
    check(t["open_price"] == 100 and t["quantity"] == 100, f"transaction {t}")
    check(node.returncode == 0, f"node exited {node.returncode}")


def partial_fill(args, db, contra):
    """A resting sell of 40 fills 40 of the entry's 100; a later sell of
    60 fills the rest."""
    contra.order("sell", "AAPL", 40, "100.00", "C-S1", 0)
    sc = scenario("partial.json", [BUY], refreshes(300, 9000), "fix-partial")
    proc = replay(args, db, sc)
    poll(status_is(db, "1-1-entry", "partially_filled"),
         "the entry was never partially filled")
    db.show("the partial fill")
    entry, t = db.order("1-1-entry"), db.transaction()
    check(entry["filled_qty"] == 40, f"entry: {entry}")
    # The open quantity is what filled (docs/engine-details.md §6.6).
    check(t["status"] == "OPENED" and t["quantity"] == 40,
          f"transaction: {t}")
    contra.order("sell", "AAPL", 60, "100.00", "C-S2", 2)
    poll(status_is(db, "1-1-entry", "filled"), "the rest never filled")
    finish(proc)
    db.show("partial_fill")
    entry, t = db.order("1-1-entry"), db.transaction()
    check(entry["filled_qty"] == 100 and entry["filled_avg_price"] == 100
          and t["status"] == "OPENED" and t["quantity"] == 100,
          f"entry {entry}, transaction {t}")


def venue_reject(args, db, contra):
    """ordermatch takes only limit orders: the bracket's stop loss (35=D
    40=3) is rejected by the venue (35=8 150=8), stored as a refused
    submission is (status error, the venue's reason as comment); the
    take profit rests."""
    contra.order("sell", "AAPL", 100, "100.00", "C-S1", 0)
    sc = scenario("reject.json", [BUY, TAKE_PROFIT, STOP_LOSS],
                  refreshes(300, 3000), "fix-reject")
    proc = replay(args, db, sc)
    finish(proc)
    db.show("venue_reject")
    sl, tp = db.order("1-1-sl"), db.order("1-1-tp")
    check(sl is not None and sl["status"] == "error" and sl["comment"] != "",
          f"stop loss: {sl}")
    check(tp is not None and tp["status"] == "open", f"take profit: {tp}")
    check(db.transaction()["status"] == "OPENED", "not OPENED")


CASES = {f.__name__: f for f in (entry_then_take_profit, reconcile_after_kill,
                                  partial_fill, venue_reject)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("case", choices=sorted(CASES))
    parser.add_argument("--tradeflow", required=True)
    args = parser.parse_args()
    db = Database(os.path.abspath("engine.db"))
    contra = Contra()
    try:
        CASES[args.case](args, db, contra)
    finally:
        contra.close()
    print(f"{args.case}: passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
