#!/usr/bin/env python3
"""Installs the build into a temporary prefix, then configures, builds and
runs examples/embed against it out of tree, as a host would: with a
CAF::core target of its own (docs/embedding.md §5). The example's output
must show, one line per event, a position opened and closed at its take
profit.

usage: install_test.py BUILD_DIR EXAMPLE_DIR"""
import os
import subprocess
import sys
import tempfile


def run(cmd, **kw):
    print("+", " ".join(cmd), flush=True)
    return subprocess.run(cmd, check=True, text=True, **kw)


def main():
    build, example = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory(prefix="tradeflow-install-") as tmp:
        prefix = os.path.join(tmp, "prefix")
        run(["cmake", "--install", build, "--prefix", prefix],
            stdout=subprocess.DEVNULL)
        # Nothing private is installed: the public folder and the data types.
        headers = []
        for root, _, files in os.walk(os.path.join(prefix, "include")):
            headers += [os.path.relpath(os.path.join(root, f), prefix)
                        for f in files]
        private = [h for h in headers
                   if not h.startswith("include/tradeflow/")
                   or "/actors/" in h or "/storage/" in h or "/app/" in h]
        assert not private, f"private headers installed: {private}"
        assert "include/tradeflow/engine.hpp" in headers, headers
        host = os.path.join(tmp, "host")
        run(["cmake", "-S", example, "-B", host,
             f"-DCMAKE_PREFIX_PATH={prefix}",
             "-DEMBED_HOST_DEFINES_CAF_CORE=ON",
             # The example compiles without a warning (-Wall -Wextra).
             "-DCMAKE_CXX_FLAGS=-Werror"], stdout=subprocess.DEVNULL)
        run(["cmake", "--build", host, "-j2"], stdout=subprocess.DEVNULL)
        env = dict(os.environ)
        env["LD_LIBRARY_PATH"] = os.path.join(prefix, "lib")
        out = run([os.path.join(host, "embed_example")], env=env,
                  capture_output=True, timeout=120).stdout
        print(out)
        events = [line for line in out.splitlines()
                  if line.startswith("event: ")]
        wanted = [
            "transaction_status txn=1 AAPL new -> WAITING",
            "order_submitted txn=1 AAPL entry BUY",
            "order_acknowledged txn=1 AAPL entry BUY",
            "order_filled txn=1 AAPL entry BUY",
            "transaction_status txn=1 AAPL WAITING -> OPENED",
            "order_submitted txn=1 AAPL take_profit SELL",
            "order_acknowledged txn=1 AAPL take_profit SELL",
            "order_filled txn=1 AAPL take_profit SELL",
            "order_canceled txn=1 AAPL stop_loss SELL",
            "transaction_status txn=1 AAPL OPENED -> CLOSED",
        ]
        at = 0
        for line in events:
            if at < len(wanted) and wanted[at] in line:
                at += 1
        assert at == len(wanted), \
            f"missing in order: {wanted[at:]}\nevents:\n" + "\n".join(events)
        assert any("venue: submit" in l for l in out.splitlines())
        print("embed.install: ok")


if __name__ == "__main__":
    main()
