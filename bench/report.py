#!/usr/bin/env python3
"""Merges the benchmark programs' JSON results into one document, prints
the figures table (each figure beside its baseline, ratio and target), and
draws the chart with gnuplot.

    report.py --lock-path F --lock-timeout F --scale F --e2e F --growth F
              [--lock-path-caf F --scheduler F --soak F]
              --json OUT.json --svg OUT.svg [--png OUT.png] [--md OUT.md]
              --command "scripts/bench"
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))


def machine(load_start):
    cpu = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem_kib = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kib = int(line.split()[1])
    cxx = subprocess.run(["c++", "--version"], capture_output=True,
                         text=True).stdout.splitlines()
    return {"nproc": os.cpu_count(), "cpu": cpu,
            "ram_gib": round(mem_kib / 1024 / 1024, 1),
            "kernel": platform.release(),
            "compiler": cxx[0] if cxx else "unknown",
            "load_avg_1min_at_start": float(load_start) if load_start
            else None,
            "load_avg_1min_at_end": os.getloadavg()[0]}


def verdict(ok):
    return "met" if ok else "MISSED"


def rows_of(fig):
    """(figure, measured, baseline, ratio, target, verdict) rows."""
    rows = []
    lp = fig["lock_path"]
    rows.append(("1 lock path: CAF request/response (baseline)",
                 f"{lp['rtt_per_s']:,.0f} rt/s ({lp['rtt_us']} us)",
                 "-", "-", "-", "-"))
    for c in lp["cases"]:
        r = c["ratio_to_rtt"]
        rows.append((f"1 lock path: acquire+release, {c['requesters']} "
                     "requester(s) on 1 key",
                     f"{c['cycles_per_s']:,.0f} cycles/s",
                     f"{lp['rtt_per_s']:,.0f} rt/s",
                     f"{r:.2f}x", "<= 2x", verdict(r <= 2)))
    for c in lp["cases"][1:]:
        rows.append((f"1 (diagnostic) {c['requesters']} plain requesters "
                     "on 1 actor", f"{c['fan_in_rtt_per_s']:,.0f} rt/s",
                     f"{c['cycles_per_s']:,.0f} cycles/s",
                     f"lock {c['ratio_to_fan_in']:.2f}x slower", "-", "-"))
    lt = fig["lock_timeout"]
    over = lt["p99_over_ms"]
    rows.append(("2 timeout: loser gives up, 1,000 keys contended",
                 f"p50 {lt['p50_ms']:.1f} / p99 {lt['p99_ms']:.1f} / "
                 f"max {lt['max_ms']:.1f} ms",
                 "500 ms max_wait", f"p99 +{over:.1f} ms", "<= +20 ms",
                 verdict(over <= 20 and lt["not_timed_out"] == 0)))
    q = lt["losers_quit"]
    rows.append(("2 timeout: same, losers end after their answer",
                 f"p50 {q['p50_ms']:.1f} / p99 {q['p99_ms']:.1f} ms",
                 "500 ms max_wait", f"p99 +{q['p99_over_ms']:.1f} ms",
                 "<= +20 ms", verdict(q["p99_over_ms"] <= 20)))
    rows.append(("2 timeout: worst probe round trip meanwhile",
                 f"plain {lt['probe_worst_ms']:.2f} ms, supervisor "
                 f"{lt['supervisor_probe_worst_ms']:.2f} ms",
                 f"{lt['probe_trips_per_s']:.0f} probes/s", "-",
                 "no blocked thread", verdict(
                     lt["supervisor_probe_worst_ms"] < 100)))
    for s in fig["end_to_end"]["sizes"]:
        name = f"{s['experts']:,} x {s['recs_per_expert']}"
        if "failed" in s:
            after = s.get("failed_after_ms", 0) / 1000
            rows.append((f"3 end to end {name}", f"FAILED after {after:.0f} s:"
                         f" {s['failed']}", "-", "-", "completes", "MISSED"))
            continue
        rows.append((f"3 end to end {name}: recs/s, orders/s",
                     f"{s['recs_per_s']:,.0f} recs/s, "
                     f"{s['orders_per_s']:,.0f} orders/s "
                     f"({s['replay_ms'] / 1000:.1f} s)",
                     f"floor {s['floor_ms'] / 1000:.2f} s",
                     f"{s['ratio_to_floor']:.2f}x", "<= 3x",
                     verdict(s["ratio_to_floor"] <= 3)))
        rows.append((f"3 end to end {name}: duplicates, failures",
                     f"{s['duplicates']} duplicate live positions, "
                     f"{s['run_errors']} runs with an error, "
                     f"{s['unexecuted']} recs never executed", "-", "-",
                     "0, 0, 0", verdict(s["duplicates"] == 0
                                        and s["run_errors"] == 0
                                        and s["unexecuted"] == 0)))
    for s in fig["scale"]["sizes"]:
        rows.append((f"4 scale: {s['workers']:,} idle workers",
                     f"{s['rss_kib_per_worker']:.2f} KiB/worker, spawn "
                     f"{s['spawn_us_per_worker']:.1f} us/worker",
                     "-", "-", "< 4 KiB",
                     verdict(s["rss_kib_per_worker"] < 4)))
        stalled = s.get("stalled_runs", 0)
        rows.append((f"4 scale: registry keys after {s['workers']:,} runs",
                     f"{s['registry_keys_after']:.0f}"
                     + (f" (STALLED: {stalled:.0f} runs unanswered for 60 s)"
                        if stalled else ""), "-", "-", "0",
                     verdict(s["registry_keys_after"] == 0
                             and not stalled)))
    growth = [s for s in fig["growth"]["sizes"] if "failed" not in s]
    for s in fig["growth"]["sizes"]:
        if "failed" in s:
            rows.append((f"5 growth: {s['experts']:,} experts x "
                         f"{s['recs_per_expert']}",
                         f"FAILED: {s['failed']}", "-", "-", "completes",
                         "MISSED"))
    first = growth[0]["ms_per_expert"] if growth else 1
    for s in growth:
        r = s["ms_per_expert"] / first
        lost = s["unexecuted"] + s["run_errors"] + s["duplicates"]
        note = (f", {s['unexecuted']} recs never executed"
                if s["unexecuted"] else "")
        rows.append((f"5 growth: {s['experts']:,} experts x "
                     f"{s['recs_per_expert']}",
                     f"{s['replay_ms'] / 1000:.2f} s, "
                     f"{s['ms_per_expert']:.2f} ms/expert{note}",
                     f"{first:.2f} ms/expert at {growth[0]['experts']:,}",
                     f"{r:.2f}x", "~1x, all executed",
                     verdict(r <= 1.5 and lost == 0)))
    rows += scheduler_rows(fig)
    return rows


def scheduler_rows(fig):
    """Rows of the scheduler figures, when the run measured them."""
    rows = []
    stock = fig.get("lock_path_caf")
    if stock:
        ours = {c["requesters"]: c for c in fig["lock_path"]["cases"]}
        for c in stock["cases"]:
            mine = ours.get(c["requesters"])
            if not mine:
                continue
            r = mine["cycles_per_s"] / c["cycles_per_s"]
            rows.append((f"6 lock path on the engine's scheduler, "
                         f"{c['requesters']} requester(s)",
                         f"{mine['cycles_per_s']:,.0f} cycles/s",
                         f"{c['cycles_per_s']:,.0f} on CAF's stealing",
                         f"{r:.2f}x", "no regression", "-"))
    sched = fig.get("scheduler")
    for s in (sched or {}).get("sizes", []):
        rows.append((f"6 scheduler: fan-out of {s['jobs']:,} jobs, 2 threads",
                     f"{s['stealing_ms']:,.1f} ms",
                     f"{s['caf_steal_ms']:,.1f} ms on CAF's stealing",
                     f"{s['speedup']:.1f}x faster", "not quadratic", "-"))
    soak = fig.get("soak")
    for s in (soak or {}).get("sizes", []):
        stalled = s.get("stalled_reps", 0)
        rows.append((f"6 soak: scale {s['workers']:,}, every run at once, "
                     f"{s['reps']} reps",
                     f"{stalled} stalled, run max "
                     f"{s['run_us_per_worker_max']:.1f} us/worker",
                     f"median {s['run_us_per_worker']:.1f} us/worker", "-",
                     "0 stalls", verdict(stalled == 0)))
    return rows


def print_table(rows, out):
    heads = ("figure", "measured", "baseline", "ratio", "target", "")
    widths = [max(len(str(r[i])) for r in rows + [heads]) for i in range(6)]
    line = " | ".join(h.ljust(w) for h, w in zip(heads, widths))
    out.write(line + "\n" + "-" * len(line) + "\n")
    for r in rows:
        out.write(" | ".join(str(c).ljust(w) for c, w in zip(r, widths))
                  + "\n")


def markdown(rows):
    text = "| figure | measured | baseline | ratio | target | |\n"
    text += "|---|---|---|---|---|---|\n"
    for r in rows:
        text += "| " + " | ".join(str(c) for c in r) + " |\n"
    return text


def write_data(fig, d):
    lp = fig["lock_path"]
    with open(os.path.join(d, "lock.dat"), "w") as f:
        f.write(f"RTT {lp['rtt_per_s'] / 1000}\n")
        for c in lp["cases"]:
            f.write(f"{c['requesters']} {c['cycles_per_s'] / 1000}\n")
    lt = fig["lock_timeout"]
    with open(os.path.join(d, "timeout.dat"), "w") as f:
        for k in ("min", "p50", "p99", "max"):
            f.write(f"{k} {lt[k + '_ms']} {lt['losers_quit'][k + '_ms']}\n")
    with open(os.path.join(d, "e2e.dat"), "w") as f:
        for s in fig["end_to_end"]["sizes"]:
            if "failed" in s:
                continue
            floor_rps = s["orders"] / (s["floor_ms"] / 1000)
            f.write(f"{s['experts']}x{s['recs_per_expert']} {s['recs_per_s']}"
                    f" {s['orders_per_s']} {floor_rps:.0f}\n")
    with open(os.path.join(d, "scale.dat"), "w") as f:
        for s in fig["scale"]["sizes"]:
            f.write(f"{s['workers']} {s['rss_kib_per_worker']}\n")
    with open(os.path.join(d, "growth.dat"), "w") as f:
        sizes = [s for s in fig["growth"]["sizes"] if "failed" not in s]
        per_expert = sizes[0]["replay_ms"] / 1000 / sizes[0]["experts"]
        for s in sizes:
            f.write(f"{s['experts']} {s['ms_per_expert']} "
                    f"{s['replay_ms'] / 1000} {per_expert * s['experts']}\n")


def draw(fig, outs):
    if not shutil.which("gnuplot"):
        sys.stderr.write("report: gnuplot not found, no chart\n")
        return
    with tempfile.TemporaryDirectory() as d:
        write_data(fig, d)
        for out in outs:
            subprocess.run(["gnuplot", "-e", f"dir='{d}'; out='{out}'",
                            os.path.join(here, "chart.gp")], check=True)


def main():
    ap = argparse.ArgumentParser()
    for name in ("lock-path", "lock-timeout", "scale", "e2e", "growth",
                 "json", "svg", "png", "md", "load-start", "revision",
                 "command", "lock-path-caf", "scheduler", "soak"):
        ap.add_argument("--" + name, required=name not in (
            "md", "png", "load-start", "revision", "lock-path-caf",
            "scheduler", "soak"))
    a = ap.parse_args()
    fig = {}
    for key, path in (("lock_path", a.lock_path),
                      ("lock_timeout", a.lock_timeout), ("scale", a.scale),
                      ("end_to_end", a.e2e), ("growth", a.growth)):
        with open(path) as f:
            fig[key] = json.load(f)
    for key, path in (("lock_path_caf", a.lock_path_caf),
                      ("scheduler", a.scheduler), ("soak", a.soak)):
        if path:
            with open(path) as f:
                fig[key] = json.load(f)
    rows = rows_of(fig)
    doc = {"command": a.command, "revision": a.revision,
           "date": datetime.datetime.now(datetime.timezone.utc)
           .strftime("%Y-%m-%dT%H:%M:%SZ"),
           "machine": machine(a.load_start), "figures": fig,
           "table": [dict(zip(("figure", "measured", "baseline", "ratio",
                               "target", "verdict"), r)) for r in rows]}
    with open(a.json, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    if a.md:
        with open(a.md, "w") as f:
            f.write(markdown(rows))
    draw(fig, [a.svg] + ([a.png] if a.png else []))
    m = doc["machine"]
    print(f"\nmachine: {m['nproc']} x {m['cpu']}, {m['ram_gib']} GiB RAM; "
          f"1-min load average {m['load_avg_1min_at_start']} at the "
          f"start, {m['load_avg_1min_at_end']:.2f} at the end\n")
    print_table(rows, sys.stdout)
    print(f"\nwritten: {a.json}, {a.svg}" + (f", {a.png}" if a.png else ""))


if __name__ == "__main__":
    main()
