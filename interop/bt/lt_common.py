"""Shared by lt_seed.py and lt_leech.py: a libtorrent 2.0 session that stays on one loopback address.

Run with /usr/bin/python3 (Debian's python3-libtorrent). Every lifetime is bounded: each script
exits after --timeout seconds whatever happens, so a test that forgets to kill it leaks nothing for long.
"""
import argparse
import signal
import sys
import time
import urllib.parse

import libtorrent as lt


ENCRYPTION = {
    # libtorrent's defaults: MSE offered, plaintext accepted.
    'enabled': {},
    # qBittorrent's "Require encryption": MSE both ways, RC4 only, plaintext peers refused.
    'forced': {'out_enc_policy': int(lt.enc_policy.forced), 'in_enc_policy': int(lt.enc_policy.forced),
               'allowed_enc_level': int(lt.enc_level.rc4), 'prefer_rc4': True},
}


def session(host, port, encryption='enabled'):
    settings = {
        'listen_interfaces': '%s:%d' % (host, port),
        'outgoing_interfaces': host,
        'enable_dht': False,
        'enable_lsd': False,
        'enable_upnp': False,
        'enable_natpmp': False,
        # uTP over loopback only adds overhead; TCP is what our client speaks.
        'enable_outgoing_utp': False,
        'enable_incoming_utp': False,
        'allow_multiple_connections_per_ip': True,
        # Fail on a busy port instead of quietly binding port+1 (a test would dial the wrong one).
        'max_retry_port_bind': 0,
        'listen_system_port_fallback': False,
        'alert_mask': lt.alert.category_t.error_notification | lt.alert.category_t.status_notification,
        'user_agent': 'lt-interop/' + lt.__version__,
    }
    settings.update(ENCRYPTION[encryption])
    return lt.session(settings)


def print_new_peers(handle, seen):
    """One line per newly connected peer: "peer <ip:port> encryption=rc4|plaintext|none", where
    plaintext means plaintext inside an MSE handshake and none no MSE at all."""
    for p in handle.get_peer_info():
        key = '%s:%d' % p.ip
        if key in seen or p.flags & (lt.peer_info.handshake | lt.peer_info.connecting):
            # what MSE negotiated is known once the BitTorrent handshake is done
            continue
        seen.add(key)
        if p.flags & lt.peer_info.rc4_encrypted:
            how = 'rc4'
        elif p.flags & lt.peer_info.plaintext_encrypted:
            how = 'plaintext'
        else:
            how = 'none'
        print('peer %s encryption=%s' % (key, how), flush=True)


def parse_peer(text):
    host, _, port = text.rpartition(':')
    if not host or not port.isdigit():
        raise argparse.ArgumentTypeError('peer must be HOST:PORT, got %r' % text)
    return host, int(port)


def magnet_peers(source):
    """The x.pe peers of a magnet, percent-decoded: libtorrent 2.0.8 reads x.pe=127.0.0.1:6881 but
    not x.pe=127.0.0.1%3A6881, which is how magnet-uri (and ours) encode it."""
    if not source.startswith('magnet:'):
        return []
    query = urllib.parse.urlsplit(source).query
    return [parse_peer(v) for k, v in urllib.parse.parse_qsl(query) if k == 'x.pe']


def add(ses, source, save_path, seed_mode=False):
    if source.startswith('magnet:'):
        params = lt.parse_magnet_uri(source)
    else:
        params = lt.add_torrent_params()
        params.ti = lt.torrent_info(source)
    params.save_path = save_path
    if seed_mode:
        params.flags |= lt.torrent_flags.seed_mode
    return ses.add_torrent(params)


def stop_on_signals():
    def handler(signum, frame):
        print('stopped by signal %d' % signum, flush=True)
        sys.exit(143)
    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)


def status_line(handle, started):
    s = handle.status()
    return ('progress %.1f%% done=%d down=%d up=%d rate_down=%d rate_up=%d peers=%d state=%s t=%.1f'
            % (s.progress * 100, s.total_wanted_done, s.total_payload_download, s.total_payload_upload,
               s.download_payload_rate, s.upload_payload_rate, s.num_peers, s.state, time.time() - started))


def print_errors(ses):
    for a in ses.pop_alerts():
        if a.category() & lt.alert.category_t.error_notification:
            print('alert %s: %s' % (type(a).__name__, a.message()), file=sys.stderr, flush=True)
