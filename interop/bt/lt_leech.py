#!/usr/bin/python3
"""Download a torrent or magnet with libtorrent on a loopback address, then exit.

    lt_leech.py <torrent|magnet> <out-dir> <port> [peer HOST:PORT ...] [--host 127.0.0.1]
                [--timeout 600] [--interval 1] [--seed-for 0]
                [--encryption enabled|forced]

Dials each peer given and each x.pe of a magnet (no tracker, DHT or LSD is used), prints a progress line per --interval and
"peer <ip:port> encryption=rc4|plaintext|none" per connected peer,
"complete <seconds>" when every wanted piece is verified (time from the first connection attempt).
With --seed-for S it keeps seeding S seconds after that.
Exit: 0 when complete, 1 on --timeout, 143 on SIGTERM.
"""
import argparse
import sys
import time

import lt_common


def main():
    p = argparse.ArgumentParser()
    p.add_argument('source')
    p.add_argument('out_dir')
    p.add_argument('port', type=int)
    p.add_argument('peers', nargs='*', type=lt_common.parse_peer)
    p.add_argument('--host', default='127.0.0.1')
    p.add_argument('--timeout', type=float, default=600)
    p.add_argument('--encryption', choices=sorted(lt_common.ENCRYPTION), default='enabled',
                   help='MSE: enabled (libtorrent default) or forced (RC4 required both ways)')
    p.add_argument('--interval', type=float, default=1)
    p.add_argument('--seed-for', type=float, default=0)
    a = p.parse_args()
    lt_common.stop_on_signals()
    started = time.time()
    ses = lt_common.session(a.host, a.port, a.encryption)
    h = lt_common.add(ses, a.source, a.out_dir)
    a.peers += [p for p in lt_common.magnet_peers(a.source) if p not in a.peers]
    print('listening %d' % ses.listen_port(), flush=True)
    for peer in a.peers:
        h.connect_peer(peer)
    dialled = time.time()
    next_line = 0
    peers_seen = set()
    last_dial = dialled
    while True:
        s = h.status()
        if s.has_metadata and s.is_finished and s.state != s.state.checking_files:
            break
        now = time.time()
        if now - started > a.timeout:
            print(lt_common.status_line(h, started), flush=True)
            print('timeout after %.0f s' % a.timeout, file=sys.stderr, flush=True)
            return 1
        if s.num_peers == 0 and now - last_dial > 2:
            # A partner that was not listening yet: dial again.
            for peer in a.peers:
                h.connect_peer(peer)
            last_dial = now
        if now >= next_line:
            print(lt_common.status_line(h, started), flush=True)
            next_line = now + a.interval
        lt_common.print_errors(ses)
        lt_common.print_new_peers(h, peers_seen)
        time.sleep(0.02)
    lt_common.print_new_peers(h, peers_seen)
    print(lt_common.status_line(h, started), flush=True)
    print('complete %.3f' % (time.time() - dialled), flush=True)
    end = time.time() + a.seed_for
    while time.time() < end:
        time.sleep(0.1)
    return 0


if __name__ == '__main__':
    sys.exit(main())
