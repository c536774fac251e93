#!/usr/bin/python3
"""Seed a torrent with libtorrent on a loopback address until killed or --timeout.

    lt_seed.py <torrent> <data-dir> <port> [--host 127.0.0.1] [--timeout 600] [--seed-mode]
               [--interval 1] [--upload-limit BYTES_PER_S] [--encryption enabled|forced]
               [peer HOST:PORT ...]

The data must already be in <data-dir> (libtorrent checks it first, unless --seed-mode). Prints
"seeding <port>" once the check is done and the port accepts connections, then a progress line per --interval and "peer <ip:port> encryption=rc4|plaintext|none" per
connected peer (plaintext: inside an MSE handshake; none: no MSE).
Peers given are dialled (for partners that only accept incoming connections).
Exit: 0 after --timeout, 1 if the data does not check complete, 143 on SIGTERM.
"""
import argparse
import sys
import time

import libtorrent as lt

import lt_common


def main():
    p = argparse.ArgumentParser()
    p.add_argument('torrent')
    p.add_argument('data_dir')
    p.add_argument('port', type=int)
    p.add_argument('peers', nargs='*', type=lt_common.parse_peer)
    p.add_argument('--host', default='127.0.0.1')
    p.add_argument('--timeout', type=float, default=600)
    p.add_argument('--encryption', choices=sorted(lt_common.ENCRYPTION), default='enabled',
                   help='MSE: enabled (libtorrent default) or forced (RC4 required both ways)')
    p.add_argument('--interval', type=float, default=1)
    p.add_argument('--seed-mode', action='store_true', help='skip the initial hash check')
    p.add_argument('--upload-limit', type=int, default=0, help='bytes per second, 0 for none')
    a = p.parse_args()
    lt_common.stop_on_signals()
    started = time.time()
    ses = lt_common.session(a.host, a.port, a.encryption)
    if a.upload_limit > 0:
        ses.apply_settings({'upload_rate_limit': a.upload_limit})
        # Loopback peers are in libtorrent's unlimited local class by default: put every peer in
        # the global class, so that the limit applies on 127.0.0.0/8 too.
        every_peer = lt.ip_filter()
        every_peer.add_rule('0.0.0.0', '255.255.255.255', 1 << lt.session.global_peer_class_id)
        every_peer.add_rule('::', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
                            1 << lt.session.global_peer_class_id)
        ses.set_peer_class_filter(every_peer)
    h = lt_common.add(ses, a.torrent, a.data_dir, a.seed_mode)
    # "seeding" must mean a peer can connect now: the listen socket opens asynchronously, and in
    # seed mode the torrent is seeding before it does.
    listening = False
    while not listening or not h.status().is_seeding:
        for alert in ses.pop_alerts():
            if isinstance(alert, lt.listen_succeeded_alert):
                listening = True
            elif isinstance(alert, lt.listen_failed_alert):
                print('cannot listen: %s' % alert.message(), file=sys.stderr, flush=True)
                return 1
            elif alert.category() & lt.alert.category_t.error_notification:
                print('alert %s: %s' % (type(alert).__name__, alert.message()), file=sys.stderr, flush=True)
        if h.status().state in (h.status().state.downloading,) and not a.seed_mode:
            print('data in %s is incomplete: %.1f%%' % (a.data_dir, h.status().progress * 100),
                  file=sys.stderr, flush=True)
            return 1
        if time.time() - started > a.timeout:
            return 1
        time.sleep(0.05)
    print('seeding %d' % ses.listen_port(), flush=True)
    for peer in a.peers:
        h.connect_peer(peer)
    next_line = 0
    peers_seen = set()
    while time.time() - started < a.timeout:
        if time.time() >= next_line:
            print(lt_common.status_line(h, started), flush=True)
            next_line = time.time() + a.interval
        lt_common.print_errors(ses)
        lt_common.print_new_peers(h, peers_seen)
        time.sleep(0.1)
    print('timeout after %.0f s' % a.timeout, flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
