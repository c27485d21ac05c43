#!/usr/bin/env python3
"""A hostile peer for a node's cluster port.

    hostile_peer.py basp PORT [HOLD_S]         a 36-byte BASP header that
        announces a payload of 4 GB (CAF 0.17 reads any announced length)
    hostile_peer.py clienthello PORT [HOLD_S]  the first 5 bytes of a TLS
        record (a partial ClientHello), then silence

Connects to 127.0.0.1:PORT, sends, holds the connection open HOLD_S
seconds (default 5), closes. Prints what the node did (closed or not).
"""
import socket
import sys
import time

PAYLOADS = {
    "basp": b"\x00" * 4 + b"\xff\xff\xff\xff" * 8,
    "clienthello": b"\x16\x03\x01\x00\x05",
}


def attack(kind, port, hold_s, host="127.0.0.1"):
    """Sends PAYLOADS[kind] and holds the connection; returns how the peer
    ended: 'closed after N s' or 'held'."""
    s = socket.create_connection((host, port), timeout=5)
    try:
        s.sendall(PAYLOADS[kind])
        start = time.monotonic()
        s.settimeout(0.2)
        while time.monotonic() - start < hold_s:
            try:
                if not s.recv(4096):
                    return f"closed after {time.monotonic() - start:.1f} s"
            except socket.timeout:
                pass
            except OSError:
                return f"reset after {time.monotonic() - start:.1f} s"
        return "held"
    finally:
        s.close()


if __name__ == "__main__":
    hold = float(sys.argv[3]) if len(sys.argv) > 3 else 5.0
    print(attack(sys.argv[1], int(sys.argv[2]), hold))
