#!/usr/bin/python3
"""Make a .torrent of a file or folder with libtorrent 2.0's create_torrent.

    lt_create.py <path> <out.torrent> [--piece-size BYTES] [--v1-only | --v2-only]

By default the torrent is hybrid v1+v2 (BEP 52), as libtorrent 2.0 and qBittorrent make them: a
multi-file one gets BEP 47 pad files (.pad/<size>, attr "p") after every file that does not end on
a piece boundary, the last one included. --v1-only makes a v1 torrent with the same pad files
(canonical_files); --v2-only a v2-only one. Prints the v1 info hash (or "none") and the files, one
"<attr> <length> <path>" line each.
"""
import argparse
import os
import sys

import libtorrent as lt


def main():
    p = argparse.ArgumentParser()
    p.add_argument('path')
    p.add_argument('out')
    p.add_argument('--piece-size', type=int, default=65536)
    kind = p.add_mutually_exclusive_group()
    kind.add_argument('--v1-only', action='store_true')
    kind.add_argument('--v2-only', action='store_true')
    a = p.parse_args()
    flags = 0
    if a.v1_only:
        flags = lt.create_torrent.v1_only | lt.create_torrent.canonical_files
    elif a.v2_only:
        flags = lt.create_torrent.v2_only
    path = os.path.abspath(a.path)
    fs = lt.file_storage()
    lt.add_files(fs, path)
    t = lt.create_torrent(fs, a.piece_size, flags=flags)
    t.set_creator('lt_create.py (libtorrent %s)' % lt.__version__)
    lt.set_piece_hashes(t, os.path.dirname(path))
    entry = t.generate()
    with open(a.out, 'wb') as out:
        out.write(lt.bencode(entry))
    info = entry[b'info']
    if b'pieces' in info:
        print('infohash', lt.torrent_info(a.out).info_hashes().v1, flush=True)
    else:
        print('infohash none', flush=True)
    for f in info.get(b'files', []):
        print((f.get(b'attr') or b'-').decode(), f[b'length'],
              '/'.join(c.decode('utf-8', 'replace') for c in f[b'path']))
    return 0


if __name__ == '__main__':
    sys.exit(main())
