#!/usr/bin/env python3
"""Runs one FIX test against one of QuickFIX's example acceptors.

QuickFIX 1.15.1's acceptors listen on 0.0.0.0 only, so the harness first
re-runs itself in a network namespace of its own (`unshare -n`, as root)
with only the loopback interface up: nothing outside the machine can
reach the acceptor, and every test has its own fixed port. Then it starts
the acceptor in a fresh directory (its FileStore and the test's live
there) with its stdin on a fifo (ordermatch reads commands and spins at
end of input), waits for the port by polling connect (bounded), runs the
test command in that directory, and stops the acceptor (`#quit`, then
SIGTERM, then SIGKILL, each bounded).

Usage: fix_harness.py --acceptor BIN --settings CFG [--quit-command]
                     -- TEST [ARGS...]
Exits with the test's status; 77 (skipped) where no namespace can be made.
"""
import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

NETNS_MARK = "TRADEFLOW_FIX_NETNS"
SKIP = 77
PORT_WAIT_S = 15
TEST_TIMEOUT_S = 100
STOP_WAIT_S = 5


def in_own_namespace(argv):
    """Re-runs this script under `unshare -n`; returns its exit status."""
    usable = (os.geteuid() == 0 and shutil.which("unshare") is not None
              and subprocess.run(["unshare", "-n", "true"],
                                 stderr=subprocess.DEVNULL).returncode == 0)
    if not usable:
        print("fix_harness: needs root and unshare for a network namespace; "
              "skipped", flush=True)
        return SKIP
    env = dict(os.environ, **{NETNS_MARK: "1"})
    cmd = ["unshare", "-n", sys.executable, os.path.abspath(__file__)] + argv
    return subprocess.run(cmd, env=env).returncode


def port_of(settings):
    with open(settings) as f:
        m = re.search(r"^SocketAcceptPort=(\d+)", f.read(), re.M)
    if not m:
        sys.exit(f"fix_harness: no SocketAcceptPort in {settings}")
    return int(m.group(1))


def wait_for_port(port, acceptor):
    deadline = time.monotonic() + PORT_WAIT_S
    while time.monotonic() < deadline:
        if acceptor.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            time.sleep(0.05)  # bounded polling for the port, not a sync
    return False


def stop(acceptor, fifo_fd, quit_command):
    """ordermatch quits on `#quit`; executor only on a signal."""
    steps = [signal.SIGTERM, signal.SIGKILL]
    if quit_command:
        os.write(fifo_fd, b"#quit\n")
        steps.insert(0, None)
    for sig in steps:
        if sig is not None:
            acceptor.send_signal(sig)
        try:
            acceptor.wait(timeout=STOP_WAIT_S)
            return
        except subprocess.TimeoutExpired:
            continue


def kill_group(proc):
    """Ends whatever the test left running (its own process group)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def run(args):
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    work = tempfile.mkdtemp(prefix="tradeflow-fix-")
    try:
        return run_in(work, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run_in(work, args):
    fifo = os.path.join(work, "acceptor.stdin")
    os.mkfifo(fifo)
    # Read-write, so that opening does not wait for a reader and the fifo
    # never reaches end of input while the harness lives.
    fifo_fd = os.open(fifo, os.O_RDWR)
    log_path = os.path.join(work, "acceptor.log")
    status = 1
    with open(log_path, "w") as log:
        acceptor = subprocess.Popen(
            [os.path.abspath(args.acceptor), os.path.abspath(args.settings)],
            cwd=work, stdin=fifo_fd, stdout=log, stderr=subprocess.STDOUT)
        try:
            if not wait_for_port(port_of(args.settings), acceptor):
                print("fix_harness: the acceptor did not listen", flush=True)
            else:
                test = subprocess.Popen(args.test, cwd=work,
                                        start_new_session=True)
                try:
                    status = test.wait(timeout=TEST_TIMEOUT_S)
                except subprocess.TimeoutExpired:
                    print("fix_harness: test timed out", flush=True)
                kill_group(test)
                test.wait()
        finally:
            stop(acceptor, fifo_fd, args.quit_command)
            os.close(fifo_fd)
    if status != 0:
        with open(log_path) as f:
            tail = f.read()[-4000:]
        print(f"fix_harness: acceptor log (tail):\n{tail}", flush=True)
    return status


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--acceptor", required=True)
    parser.add_argument("--settings", required=True)
    parser.add_argument("--quit-command", action="store_true",
                        help="the acceptor stops on #quit on its stdin")
    parser.add_argument("test", nargs="+")
    args = parser.parse_args()
    if os.environ.get(NETNS_MARK) != "1":
        return in_own_namespace(sys.argv[1:])
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
