#!/usr/bin/python3
"""A tiny HTTP tracker for loopback tests of partners that find peers only through a tracker (aria2).

    static_tracker.py <port> [peer HOST:PORT ...] [--host 127.0.0.1] [--timeout 600]

Answers every announce, for any info hash, with the peers given on the command line plus every peer
that announced that info hash (address from the `ip` parameter or the connection), minus the asker
itself; compact form, interval 5 s. Prints "tracker <port>" once listening. Exits after --timeout.
"""
import argparse
import http.server
import socket
import struct
import sys
import threading
import urllib.parse


def bencode(value):
    if isinstance(value, int):
        return b'i%de' % value
    if isinstance(value, bytes):
        return b'%d:%s' % (len(value), value)
    if isinstance(value, str):
        return bencode(value.encode())
    if isinstance(value, dict):
        return b'd' + b''.join(bencode(k) + bencode(value[k]) for k in sorted(value)) + b'e'
    raise TypeError(type(value))


def compact(peers):
    return b''.join(socket.inet_aton(h) + struct.pack('>H', p) for h, p in peers)


def main():
    p = argparse.ArgumentParser()
    p.add_argument('port', type=int)
    p.add_argument('peers', nargs='*')
    p.add_argument('--host', default='127.0.0.1')
    p.add_argument('--timeout', type=float, default=600)
    a = p.parse_args()
    static = []
    for text in a.peers:
        host, _, port = text.rpartition(':')
        static.append((socket.gethostbyname(host), int(port)))
    swarms = {}
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            query = urllib.parse.parse_qs(url.query, keep_blank_values=True, encoding='latin-1')
            info_hash = query.get('info_hash', [''])[0].encode('latin-1')
            if len(info_hash) != 20 or 'port' not in query:
                body = bencode({'failure reason': 'bad announce'})
            else:
                me = (query.get('ip', [self.client_address[0]])[0], int(query['port'][0]))
                with lock:
                    swarm = swarms.setdefault(info_hash, set())
                    if query.get('event', [''])[0] == 'stopped':
                        swarm.discard(me)
                    else:
                        swarm.add(me)
                    peers = [x for x in dict.fromkeys(static + sorted(swarm)) if x != me]
                body = bencode({'interval': 5, 'min interval': 1, 'peers': compact(peers)})
            self.send_response(200)
            self.send_header('Content-Type', 'text/plain')
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, fmt, *args):
            print('announce ' + (fmt % args), file=sys.stderr, flush=True)

    server = http.server.ThreadingHTTPServer((a.host, a.port), Handler)
    threading.Timer(a.timeout, server.shutdown).start()
    print('tracker %d' % server.server_address[1], flush=True)
    server.serve_forever()
    return 0


if __name__ == '__main__':
    sys.exit(main())
